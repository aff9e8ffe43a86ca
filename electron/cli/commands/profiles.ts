import type { CliCommand, CliIo } from '../cli-types.js';
import { CliUsageError } from '../cli-types.js';
import { parseFlags } from '../parse-flags.js';
import type { ConnectionProfileView } from '../../../shared/contract/profiles.js';
import { describeError } from '../../messages/error-words.js';
import { readTokenFromStdin, withServices } from '../upload/cli-services.js';

const USAGE = `Usage: profile-loader profiles <list|add|remove|test|set-token> [options]

  profiles list [--json]
  profiles add --name N --base-url URL --client-code C --api-version v1|v2 [--token-stdin]
               [--production] [--environment E] [--color C] [--status-host H]... [--daily-row-budget N] [--json]
  profiles remove NAME
  profiles test NAME [--json]         reachability, client code and token (one empty batch; no batch is created)
  profiles set-token NAME --token-stdin | --clear

The base URL must be https:// (http:// only for 127.0.0.1/localhost). The token is read from standard
input, stored encrypted (OS keychain) or for this command only when no keychain is reachable — "list"
says which — and is never printed. --production marks a connection that reaches real visitors (the
app then asks for its client code before sending or resuming); the environment label does not. "Local sandbox" is built in. PROFILE_LOADER_HOME moves all state.`;

function parse(argv: readonly string[]) {
  return parseFlags(argv, {
    json: { type: 'boolean' },
    name: { type: 'string' },
    'base-url': { type: 'string' },
    'client-code': { type: 'string' },
    'api-version': { type: 'string' },
    'token-stdin': { type: 'boolean' },
    production: { type: 'boolean' },
    clear: { type: 'boolean' },
    environment: { type: 'string' },
    color: { type: 'string' },
    'status-host': { type: 'string', multiple: true },
    'daily-row-budget': { type: 'string' },
  });
}

function line(p: ConnectionProfileView): string {
  const env = `${p.environment ? ` [${p.environment}]` : ''}${p.production ? ' PRODUCTION' : ''}`;
  return `${p.name}${env}  ${p.builtIn ? '(built in, starts the local sandbox)' : p.baseUrl}  client ${p.clientCode}  ${p.apiVersion}  token: ${p.hasToken ? 'saved' : 'none'}${p.dailyRowBudget ? `  daily budget ${p.dailyRowBudget} rows` : ''}`;
}

function warnSessionOnly(io: CliIo, kind: string): void {
  if (kind === 'session-only') {
    io.stderr('warning: no OS keychain is reachable, so the token is kept for this command only and is NOT saved. Pass it with --token-stdin to "upload" and "jobs resume" instead.\n');
  }
}

/** `profiles`: manage connection profiles and their tokens. */
export const command: CliCommand = {
  summary: 'list, add, remove or test connection profiles (Target client code, base URL, token)',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parse(argv);
    const sub = positionals[0] ?? 'list';
    const json = values.json ?? false;
    const token = values['token-stdin'] ? await readTokenFromStdin(io) : undefined;
    return withServices(io, async (services) => {
      const c = services.connections;
      const target = () => {
        const n = positionals[1] ?? values.name;
        if (!n) throw new CliUsageError(`profiles ${sub} needs a profile NAME`);
        return n;
      };
      switch (sub) {
        case 'list': {
          const list = await c.list();
          if (json) io.stdout(`${JSON.stringify(list)}\n`);
          else {
            io.stdout(`tokens are kept: ${list.secretStorage}\n`);
            for (const p of list.profiles) io.stdout(`${line(p)}\n`);
          }
          return 0;
        }
        case 'add': {
          const missing = (['name', 'base-url', 'client-code', 'api-version'] as const).filter((k) => values[k] === undefined);
          if (missing.length > 0) throw new CliUsageError(`profiles add needs ${missing.map((m) => `--${m}`).join(', ')}`);
          const apiVersion = values['api-version'];
          if (apiVersion !== 'v1' && apiVersion !== 'v2') throw new CliUsageError('--api-version must be v1 or v2');
          const budgetText = values['daily-row-budget'];
          const budget = budgetText === undefined ? undefined : Number(budgetText);
          if (budget !== undefined && (!Number.isInteger(budget) || budget < 1)) throw new CliUsageError('--daily-row-budget must be a whole number of at least 1');
          const clientCode = values['client-code'] as string;
          if (!/^[A-Za-z0-9._-]+$/.test(clientCode)) throw new CliUsageError('--client-code may hold letters, digits, dot, dash and underscore only');
          const saved = await c.save({
            name: (values.name as string).trim(),
            environment: values.environment ?? '',
            color: values.color ?? '',
            clientCode,
            apiVersion,
            baseUrl: values['base-url'] as string,
            ...(values['status-host'] ? { statusHosts: values['status-host'] } : {}),
            ...(budget !== undefined ? { dailyRowBudget: budget } : {}),
            ...(values.production ? { production: true } : {}),
            ...(token !== undefined ? { token } : {}),
          });
          if (token !== undefined) warnSessionOnly(io, saved.secretStorage);
          io.stdout(json ? `${JSON.stringify(saved)}\n` : `added ${line(saved)}\n`);
          return 0;
        }
        case 'remove': {
          const p = await c.find(target());
          await c.remove(p.id);
          io.stdout(json ? `${JSON.stringify({ removed: p.id })}\n` : `removed ${p.name}\n`);
          return 0;
        }
        case 'test': {
          const p = await c.find(target());
          const r = await c.test(p.id);
          // Each check keeps its English `message` in the --json shape scripts rely on.
          const checks = r.checks.map((k) => ({ ...k, message: describeError(k) }));
          if (json) io.stdout(`${JSON.stringify({ profile: p.name, ...r, checks })}\n`);
          else for (const k of checks) io.stdout(`${k.ok ? 'ok  ' : 'FAIL'} ${k.check.padEnd(11)} ${k.message}\n`);
          return r.ok ? 0 : 1;
        }
        case 'set-token': {
          const p = await c.find(target());
          if (values.clear) {
            await c.save({ id: p.id, name: p.name, environment: p.environment, color: p.color, clientCode: p.clientCode, apiVersion: p.apiVersion, baseUrl: p.builtIn ? 'http://127.0.0.1' : p.baseUrl, clearToken: true });
            io.stdout(`token of ${p.name} removed\n`);
            return 0;
          }
          if (token === undefined) throw new CliUsageError('profiles set-token needs --token-stdin (or --clear)');
          await c.setToken(p.id, token);
          warnSessionOnly(io, c.secretStorage);
          io.stdout(`token of ${p.name} saved (${c.secretStorage})\n`);
          return 0;
        }
        default:
          throw new CliUsageError(`unknown profiles sub-command "${sub}"; use list, add, remove, test or set-token`);
      }
    });
  },
};
