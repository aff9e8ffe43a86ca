import { reason, type Reason } from '../../shared/contract/errors.js';
import { describeError } from '../messages/error-words.js';
import type { CliCommand, CliIo } from './cli-types.js';
import { CliUsageError } from './cli-types.js';
import { closestName } from './closest-name.js';
import { parseFlags, type CliOptions, type ParsedFlags } from './parse-flags.js';

/** One sub-command: the flags it takes (names from its command's table) and its `--help` text. */
export interface SubcommandSpec<O extends CliOptions> {
  readonly flags: readonly (keyof O & string)[];
  readonly usage: string;
}

/** What a command's `run` receives: its flags, the positionals (a sub-command's name first when one was typed) and the sub-command chosen. */
export interface CommandArgs<O extends CliOptions, S extends string> {
  readonly values: ParsedFlags<O>['values'];
  readonly positionals: readonly string[];
  /** The sub-command to run (its command's default when none was typed); never for a command without sub-commands. */
  readonly sub: S;
}

/** A command line: its help, its flags declared once, its sub-commands (each one table entry) and what it does. */
export interface CommandSpec<O extends CliOptions, S extends string> {
  /** The name it is called by, for messages ("jobs"; "profiles" for the alias of "connections"). */
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  /** Every flag of the command, declared once; sub-commands name the ones they take. */
  readonly options: O;
  readonly subcommands?: { readonly table: { readonly [K in S]: SubcommandSpec<O> }; readonly default: NoInfer<S> };
  readonly run: (args: CommandArgs<O, S>, io: CliIo) => Promise<number>;
}

/**
 * Builds a CliCommand whose `run` parses strictly (parseFlags), prints the command's or the
 * sub-command's help on `--help`/`-h` (exit 0), refuses with a usage error (exit 2) an unknown
 * sub-command (naming the closest), and ignores a flag that belongs to another sub-command with a note
 * on stderr naming those (scripts written before sub-commands declared their flags keep working).
 */
export function defineCommand<const O extends CliOptions, S extends string = never>(spec: CommandSpec<O, S>): CliCommand {
  const subs = spec.subcommands;
  const table: Readonly<Record<string, SubcommandSpec<O>>> = subs?.table ?? {};
  const names = Object.keys(table);
  return {
    summary: spec.summary,
    usage: spec.usage,
    flags: Object.keys(spec.options),
    subcommands: Object.fromEntries(names.map((k) => [k, table[k]?.flags ?? []])),
    async run(argv, io) {
      const { values, positionals } = parseFlags(argv, spec.options, spec.name);
      // (`help` is in every table; the generic table hides it from the type.)
      const wantsHelp = (values as { readonly help?: boolean }).help === true;
      const help = (text: string): number => {
        io.stdout(`${text}\n`);
        return 0;
      };
      if (subs === undefined) return wantsHelp ? help(spec.usage) : spec.run({ values, positionals, sub: undefined as never }, io);
      if (positionals[0] === undefined && wantsHelp) return help(spec.usage);
      const sub = positionals[0] ?? subs.default;
      const entry = Object.hasOwn(table, sub) ? table[sub] : undefined;
      if (entry === undefined) throw CliUsageError.of(unknownName(sub, spec.name, names));
      if (wantsHelp) return help(entry.usage);
      // A flag of another sub-command was accepted (and ignored) before sub-commands declared their flags:
      // scripts may pass one, so it is still ignored, with a note saying so, rather than refused.
      const own: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(values)) {
        if (k === 'help' || (entry.flags as readonly string[]).includes(k)) {
          own[k] = v;
          continue;
        }
        const others = names.filter((n) => (table[n]?.flags as readonly string[] | undefined)?.includes(k)).map((n) => `${spec.name} ${n}`);
        io.stderr(`profile-loader ${spec.name}: ${describeError(reason('cli-option-elsewhere', { option: `--${k}`, command: `${spec.name} ${sub}`, others }))}\n`);
      }
      return spec.run({ values: own as typeof values, positionals, sub: sub as S }, io);
    },
  };
}

/** The usage error for a command (`command` '') or sub-command of `command` that does not exist, naming the closest of `choices`. */
export function unknownName(name: string, command: string, choices: readonly string[]): Reason<'cli-unknown-command'> {
  const suggestion = closestName(name, choices);
  return suggestion === undefined
    ? reason('cli-unknown-command', { variant: 'choices', name, command, choices: [...choices] })
    : reason('cli-unknown-command', { variant: 'closest', name, command, choices: [...choices], suggestion });
}
