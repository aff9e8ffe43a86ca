/**
 * `profile-loader` / `npm run cli -- …`: the headless front door. Each sub-command lives in
 * `electron/cli/commands/NAME.ts` and exports `command: CliCommand`; modules load lazily so
 * `--help` stays fast and one command's dependencies never slow another.
 */
import type { CliCommand, CliIo } from './cli-types.js';
import { CliUsageError } from './cli-types.js';

const commands: Readonly<Record<string, () => Promise<{ command: CliCommand }>>> = {
  validate: () => import('./commands/validate.js'),
  upload: () => import('./commands/upload.js'),
  jobs: () => import('./commands/jobs.js'),
  connections: () => import('./commands/connections.js'),
  lookup: () => import('./commands/lookup.js'),
  // The old name of `connections`, kept so scripts keep working.
  profiles: () => import('./commands/connections.js').then((m) => ({ command: m.profilesCommand })),
};

/** Runs one CLI invocation and resolves to its exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const target = name === 'help' ? rest[0] : undefined;
    if (target && commands[target]) {
      io.stdout(`${(await loadCommand(target)).usage}\n`);
      return 0;
    }
    io.stdout(await overview());
    return name ? 0 : 2;
  }
  const loader = commands[name];
  if (!loader) {
    io.stderr(`profile-loader: unknown command "${name}". Run "profile-loader --help" for the list.\n`);
    return 2;
  }
  let command: CliCommand;
  try {
    command = await loadCommand(name);
  } catch {
    io.stderr(`profile-loader: the "${name}" command is not available in this build.\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr(`profile-loader ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`profile-loader ${name}: ${message.split('\n')[0]}\n`);
    if (io.env.PROFILE_LOADER_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return 2;
  }
}

async function loadCommand(name: string): Promise<CliCommand> {
  const loader = commands[name];
  if (!loader) throw new CliUsageError(`unknown command "${name}"`);
  return (await loader()).command;
}

async function overview(): Promise<string> {
  const lines = ['Usage: profile-loader <command> [options]', '', 'Commands:'];
  for (const name of Object.keys(commands)) {
    try {
      lines.push(`  ${name.padEnd(12)} ${(await loadCommand(name)).summary}`);
    } catch {
      // A command whose module is not present in this build is simply not listed.
    }
  }
  lines.push('', 'Run "profile-loader help <command>" for its options.', '');
  return lines.join('\n');
}
