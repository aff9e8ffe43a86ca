import type { Reason } from '../../shared/contract/errors.js';
import { describeError } from '../messages/error-words.js';

/** What every CLI command module exports as `command` (built with `defineCommand`). */
export interface CliCommand {
  /** One line for `profile-loader --help`. */
  readonly summary: string;
  /** Full usage text, printed by `profile-loader help NAME` and `NAME --help`. */
  readonly usage: string;
  /** Every long flag the command takes (all its sub-commands' together), without `--`. */
  readonly flags: readonly string[];
  /** Its sub-commands with the long flags each takes (empty for a command without sub-commands). */
  readonly subcommands: Readonly<Record<string, readonly string[]>>;
  /** Runs the command (`--help` prints its help); resolves to the process exit code (0 ok, 1 blocking problems, 2 unusable input). */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

/** Where a command writes; tests pass their own to capture output. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdin: NodeJS.ReadableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** A usage or input problem the CLI reports in one line with exit code 2 (never a stack trace). */
export class CliUsageError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }

  /** A usage error in the CLI's words for a registry code (exit 2). */
  static of(problem: Reason): CliUsageError {
    return new CliUsageError(describeError(problem));
  }
}
