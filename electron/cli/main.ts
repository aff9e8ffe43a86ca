/**
 * `profile-loader` / `npm run cli -- …`: the headless front door. Each sub-command lives in
 * `electron/cli/commands/NAME.ts` and exports `command: CliCommand` (built with `defineCommand`);
 * modules load lazily so `--help` stays fast and one command's dependencies never slow another.
 */
import { readAppVersion } from '../services/app-info-service.js';
import type { CliCommand, CliIo } from './cli-types.js';
import { CliUsageError } from './cli-types.js';
import { unknownName } from './define-command.js';
import { parseFlags } from './parse-flags.js';

const commands: Readonly<Record<string, () => Promise<{ command: CliCommand }>>> = {
  validate: () => import('./commands/validate.js'),
  upload: () => import('./commands/upload.js'),
  jobs: () => import('./commands/jobs.js'),
  connections: () => import('./commands/connections.js'),
  lookup: () => import('./commands/lookup.js'),
  // The old name of `connections`, kept so scripts keep working.
  profiles: () => import('./commands/connections.js').then((m) => ({ command: m.profilesCommand })),
};

/** The names of every command, in the order `--help` lists them. */
export const commandNames: readonly string[] = Object.keys(commands);

/** The flags before a command: `--help`/`-h` (added by parseFlags) and `--version`/`-V`. */
const TOP_OPTIONS = { version: { type: 'boolean', short: 'V' } } as const;

/**
 * Runs one CLI invocation and resolves to its exit code; never throws. `--version` prints the
 * version; `--help`, `-h` and `help [COMMAND [SUB-COMMAND]]` print help (exit 0; no arguments at all
 * prints the overview with exit 2); a usage error is one line on stderr with exit 2.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const at = argv.findIndex((a) => !a.startsWith('-'));
  const lead = at < 0 ? argv : argv.slice(0, at);
  const name = at < 0 ? undefined : argv[at];
  const rest = at < 0 ? [] : argv.slice(at + 1);
  let top: ReturnType<typeof parseFlags<typeof TOP_OPTIONS>>['values'];
  try {
    top = parseFlags(lead, TOP_OPTIONS, '').values;
  } catch (error) {
    return reportError(io, 'profile-loader', error);
  }
  if (top.version) {
    io.stdout(`${await readAppVersion()}\n`);
    return 0;
  }
  if (name === 'help' || (top.help && name !== undefined)) {
    // `help jobs list` and `--help jobs list` are `jobs list --help`.
    const [target, ...sub] = name === 'help' ? rest : [name, ...rest];
    if (target !== undefined) return runCommand(target, [...sub, '--help'], io);
  }
  if (name === undefined || name === 'help') {
    io.stdout(await overview());
    return name !== undefined || top.help ? 0 : 2;
  }
  return runCommand(name, rest, io);
}

/** Loads command `name` and runs it with `argv`, reporting a thrown error as one line (exit 2 unless it says otherwise). */
async function runCommand(name: string, argv: readonly string[], io: CliIo): Promise<number> {
  if (!Object.hasOwn(commands, name)) return reportError(io, 'profile-loader', CliUsageError.of(unknownName(name, '', commandNames)));
  let command: CliCommand;
  try {
    command = await loadCommand(name);
  } catch {
    io.stderr(`profile-loader: the "${name}" command is not available in this build.\n`);
    return 2;
  }
  try {
    return await command.run(argv, io);
  } catch (error) {
    return reportError(io, `profile-loader ${name}`, error);
  }
}

/** Prints an error as `WHO: <first line>` on stderr (the stack only with PROFILE_LOADER_DEBUG) and returns its exit code. */
function reportError(io: CliIo, who: string, error: unknown): number {
  if (error instanceof CliUsageError) {
    io.stderr(`${who}: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`${who}: ${message.split('\n')[0]}\n`);
  if (io.env.PROFILE_LOADER_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return 2;
}

/** The command module for `name` (one of commandNames); rejects when it is missing from this build. */
export async function loadCommand(name: string): Promise<CliCommand> {
  const loader = commands[name];
  if (!loader) throw CliUsageError.of(unknownName(name, '', commandNames));
  return (await loader()).command;
}

async function overview(): Promise<string> {
  const lines = ['Usage: profile-loader <command> [options]', '', 'Commands:'];
  for (const name of commandNames) {
    try {
      lines.push(`  ${name.padEnd(12)} ${(await loadCommand(name)).summary}`);
    } catch {
      // A command whose module is not present in this build is simply not listed.
    }
  }
  lines.push(
    '',
    'Run "profile-loader <command> --help" (or "profile-loader help <command>") for its options, and',
    '"profile-loader <command> <sub-command> --help" for a sub-command\'s. "profile-loader --version"',
    'prints the version.',
    '',
  );
  return lines.join('\n');
}
