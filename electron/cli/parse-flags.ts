import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { reason } from '../../shared/contract/errors.js';
import { CliUsageError } from './cli-types.js';
import { closestName } from './closest-name.js';

/** A flag table for parseArgs: long name → type (string or boolean), `multiple` for a repeatable flag. */
export type CliOptions = NonNullable<ParseArgsConfig['options']>;

/** The flag every command line takes besides its own: `--help` / `-h`. */
const HELP = { help: { type: 'boolean', short: 'h' } } as const;

/** What parseFlags returns for a table `O`: typed values (plus `help`) and the positionals. */
export type ParsedFlags<O extends CliOptions> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: O & typeof HELP }>>;

/**
 * Strict flag parsing for every CLI command line (node's `parseArgs`, positionals allowed, `--help`/`-h`
 * added): the parsed flags, or a CliUsageError (exit 2) in the words of a registry code that names the
 * flag — an unknown one with the closest valid one, a missing or unexpected value. `command` is what
 * the user ran ("upload", "jobs"; '' for the top level), for the pointer to its help.
 */
export function parseFlags<O extends CliOptions>(argv: readonly string[], options: O, command: string): ParsedFlags<O> {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: { ...options, ...HELP } });
  } catch (e) {
    throw usageErrorOf(e, argv, Object.keys(options), command);
  }
}

/** parseArgs's error as our usage error; its message quotes the flag ("Unknown option '--jsn'…", "Option '--out <value>' argument missing"). */
function usageErrorOf(e: unknown, argv: readonly string[], names: readonly string[], command: string): Error {
  const { code, message = '' } = e as { code?: string; message?: string };
  const option = /'(-{1,2}[^' =]+)/.exec(message)?.[1];
  if (option === undefined) return new CliUsageError(message.split('\n')[0] || 'bad arguments');
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return CliUsageError.of(reason('cli-option-value', { variant: message.includes('does not take') ? 'unexpected' : 'missing', option }));
  }
  // `-json` reads as the short flags -j -s -o -n: name (and match) what was typed.
  const typed = option.startsWith('--') ? option : (argv.find((a) => !a.startsWith('--') && a.startsWith(option)) ?? option);
  const suggestion = closestName(typed.replace(/^-+/, ''), [...names, 'help']);
  return CliUsageError.of(
    reason('cli-unknown-option', suggestion === undefined ? { variant: 'none', option: typed, command } : { variant: 'closest', option: typed, command, suggestion: `--${suggestion}` }),
  );
}
