/** What every CLI command module exports as `command`. */
export interface CliCommand {
  /** One line for `profile-loader --help`. */
  readonly summary: string;
  /** Full usage text, printed by `profile-loader help NAME` and on a usage error. */
  readonly usage: string;
  /** Runs the command; resolves to the process exit code (0 ok, 1 blocking problems, 2 unusable input). */
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
}
