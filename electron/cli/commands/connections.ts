import type { CliCommand, CliIo } from '../cli-types.js';
import { CliUsageError } from '../cli-types.js';
import { defineCommand, type CommandArgs } from '../define-command.js';
import type { ParsedFlags } from '../parse-flags.js';
import { assertNever } from '../../../shared/domain/assert-never.js';
import type { ConnectionView } from '../../../shared/contract/connections.js';
import { tokenExpiryWarning } from '../../../shared/contract/token-expiry.js';
import { describeError } from '../../messages/error-words.js';
import { readTokenFromStdin, withServices } from '../cli-services.js';
import { CONNECTIONS_OPTIONS, connectionsSubcommands, connectionsUsage } from './connections-args.js';
import { counted } from '../../messages/plural.js';

/** "in 83 days (2026-09-30)", "today", or "3 days ago". */
export function expiryText(iso: string, now = Date.now()): string {
  const days = Math.floor((Date.parse(iso) - now) / 86_400_000);
  const date = iso.slice(0, 10);
  if (days < 0) return `expired ${counted(-days, 'day', 'days')} ago (${date})`;
  return days === 0 ? `expires today (${date})` : `expires in ${counted(days, 'day', 'days')} (${date})`;
}

/** A warning line when a connection's saved, pasted token expires within the warning window (or already did), else undefined (also for Adobe sign-in, which renews its token). */
export function expiryWarning(p: ConnectionView, now = Date.now()): string | undefined {
  const warning = tokenExpiryWarning(p, now);
  return warning === null ? undefined : `warning: ${describeError(warning)}\n`;
}

function line(p: ConnectionView): string {
  const env = `${p.environment ? ` [${p.environment}]` : ''}${p.production ? ' PRODUCTION' : ''}`;
  const signIn = p.auth.kind === 'adobe-oauth' ? `  sign-in: Adobe (client ID ${p.auth.clientId}, tenant ${p.auth.tenantId}, secret ${p.hasClientSecret ? 'saved' : 'missing'})` : '';
  const token = `token: ${p.hasToken ? 'saved' : 'none'}${p.tokenExpiresAt ? `, ${expiryText(p.tokenExpiresAt)}` : ''}`;
  const extras = `${p.caFile ? `  CA file ${p.caFile}` : ''}${p.dailyRowBudget ? `  daily budget ${p.dailyRowBudget} rows` : ''}`;
  return `${p.name}${env}  ${p.builtIn ? '(built in, starts the local sandbox)' : p.baseUrl}  client ${p.clientCode}  ${p.apiVersion}${signIn}  ${token}${extras}`;
}

function warnSessionOnly(io: CliIo, kind: string, what: string): void {
  if (kind === 'session-only') {
    io.stderr(`warning: no OS keychain is reachable, so the ${what} is kept for this command only and is NOT saved. Pass it with --${what === 'token' ? 'token' : 'client-secret'}-stdin to "upload" and "jobs resume" instead.\n`);
  }
}

type Values = ParsedFlags<typeof CONNECTIONS_OPTIONS>['values'];

/** The sign-in part of `connections add`: `{kind: 'token'}` or the Adobe credential fields; throws CliUsageError for a missing or misplaced flag. */
function authOf(values: Values, secret: string | undefined) {
  const kind = values.auth ?? 'token';
  const oauthFlags = (['client-id', 'org-id', 'tenant-id', 'scopes', 'ims-url', 'admin-api-url'] as const).filter((k) => values[k] !== undefined);
  if (kind === 'token') {
    if (oauthFlags.length > 0 || values['client-secret-stdin']) throw new CliUsageError(`--${oauthFlags[0] ?? 'client-secret-stdin'} goes with --auth adobe-oauth`);
    return { kind: 'token' as const };
  }
  if (kind !== 'adobe-oauth') throw new CliUsageError('--auth must be token or adobe-oauth');
  if (values['token-stdin'] || values['token-expires-at'] !== undefined) throw new CliUsageError('--auth adobe-oauth mints its own token: leave out --token-stdin and --token-expires-at');
  const missing = (['client-id', 'org-id', 'tenant-id'] as const).filter((k) => values[k] === undefined);
  if (missing.length > 0 || secret === undefined) throw new CliUsageError(`--auth adobe-oauth needs ${[...missing.map((m) => `--${m}`), ...(secret === undefined ? ['--client-secret-stdin'] : [])].join(', ')}`);
  return {
    kind: 'adobe-oauth' as const,
    clientId: values['client-id'] as string,
    orgId: values['org-id'] as string,
    tenantId: values['tenant-id'] as string,
    ...(values.scopes !== undefined ? { scopes: values.scopes } : {}),
    ...(values['ims-url'] !== undefined ? { imsUrl: values['ims-url'] } : {}),
    ...(values['admin-api-url'] !== undefined ? { adminApiUrl: values['admin-api-url'] } : {}),
  };
}

/** `connections` (or its alias `profiles`, the old name): manage saved connections, their tokens and Adobe sign-in. */
function connectionsCommand(name: 'connections' | 'profiles'): CliCommand {
  return defineCommand({
    name,
    summary:
      name === 'connections'
        ? 'list, add, remove or test connections (Target client code, base URL, token or Adobe sign-in)'
        : 'the old name of "connections", kept for scripts (same flags, output and exit codes)',
    usage: connectionsUsage(name),
    options: CONNECTIONS_OPTIONS,
    subcommands: { table: connectionsSubcommands(name), default: 'list' },
    run: (args, io) => run(name, args, io),
  });
}

/** `profile-loader connections …`. */
export const command = connectionsCommand('connections');

/** `profile-loader profiles …`: the same command under its old name. */
export const profilesCommand = connectionsCommand('profiles');

async function run(name: string, { values, positionals, sub }: CommandArgs<typeof CONNECTIONS_OPTIONS, keyof ReturnType<typeof connectionsSubcommands>>, io: CliIo): Promise<number> {
  const json = values.json ?? false;
  if (values['token-stdin'] && values['client-secret-stdin']) throw new CliUsageError('--token-stdin and --client-secret-stdin both read standard input: use one');
  const token = values['token-stdin'] ? await readTokenFromStdin(io, '--token-stdin') : undefined;
  const secret = values['client-secret-stdin'] ? await readTokenFromStdin(io, '--client-secret-stdin') : undefined;
  return withServices(io, async (services) => {
    const c = services.connections;
    const target = () => {
      const n = positionals[1] ?? values.name;
      if (!n) throw new CliUsageError(`${name} ${sub} needs a connection NAME`);
      return n;
    };
    switch (sub) {
      case 'list': {
        const list = await c.list();
        // The --json keys are the contract from before connections had their name: `profiles` here, `profile` in `test`.
        if (json) io.stdout(`${JSON.stringify({ profiles: list.connections, secretStorage: list.secretStorage })}\n`);
        else {
          io.stdout(`tokens are kept: ${list.secretStorage}\n`);
          for (const p of list.connections) io.stdout(`${line(p)}\n`);
        }
        return 0;
      }
      case 'add': {
        const missing = (['name', 'base-url', 'client-code', 'api-version'] as const).filter((k) => values[k] === undefined);
        if (missing.length > 0) throw new CliUsageError(`${name} add needs ${missing.map((m) => `--${m}`).join(', ')}`);
        const apiVersion = values['api-version'];
        if (apiVersion !== 'v1' && apiVersion !== 'v2') throw new CliUsageError('--api-version must be v1 or v2');
        const budgetText = values['daily-row-budget'];
        const budget = budgetText === undefined ? undefined : Number(budgetText);
        if (budget !== undefined && (!Number.isInteger(budget) || budget < 1)) throw new CliUsageError('--daily-row-budget must be a whole number of at least 1');
        const clientCode = values['client-code'] as string;
        if (!/^[A-Za-z0-9._-]+$/.test(clientCode)) throw new CliUsageError('--client-code may hold letters, digits, dot, dash and underscore only');
        const auth = authOf(values, secret);
        const saved = await c.save({
          name: (values.name as string).trim(),
          environment: values.environment ?? '',
          color: values.color ?? '',
          clientCode,
          apiVersion,
          baseUrl: values['base-url'] as string,
          auth,
          ...(values['status-host'] ? { statusHosts: values['status-host'] } : {}),
          ...(budget !== undefined ? { dailyRowBudget: budget } : {}),
          ...(values.production ? { production: true } : {}),
          ...(values['ca-file'] !== undefined ? { caFile: values['ca-file'] } : {}),
          ...(token !== undefined ? { token } : {}),
          ...(values['token-expires-at'] !== undefined ? { tokenExpiresAt: values['token-expires-at'] } : {}),
          ...(secret !== undefined ? { clientSecret: secret } : {}),
        });
        if (token !== undefined) warnSessionOnly(io, saved.secretStorage, 'token');
        if (secret !== undefined) warnSessionOnly(io, saved.secretStorage, 'client secret');
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
        if (token !== undefined) c.setSessionToken(p.id, token);
        if (secret !== undefined) c.setSessionClientSecret(p.id, secret);
        const r = await c.test(p.id);
        // Each check keeps its English `message` in the --json shape scripts rely on.
        const checks = r.checks.map((k) => ({ ...k, message: describeError(k) }));
        if (json) io.stdout(`${JSON.stringify({ profile: p.name, ...r, checks })}\n`);
        else {
          for (const k of checks) io.stdout(`${k.ok ? 'ok  ' : 'FAIL'} ${k.check.padEnd(11)} ${k.message}\n`);
          if (r.tokenExpiresAt) io.stdout(`     token       ${expiryText(r.tokenExpiresAt)}\n`);
        }
        return r.ok ? 0 : 1;
      }
      case 'set-token': {
        const p = await c.find(target());
        if (values.clear) {
          await c.save({ id: p.id, name: p.name, environment: p.environment, color: p.color, clientCode: p.clientCode, apiVersion: p.apiVersion, baseUrl: p.builtIn ? 'http://127.0.0.1' : p.baseUrl, clearToken: true });
          io.stdout(`token of ${p.name} removed\n`);
          return 0;
        }
        if (token === undefined) throw new CliUsageError(`${name} set-token needs --token-stdin (or --clear)`);
        await c.setToken(p.id, token, values['token-expires-at'] ?? null);
        warnSessionOnly(io, c.secretStorage, 'token');
        io.stdout(`token of ${p.name} saved (${c.secretStorage})\n`);
        return 0;
      }
      case 'set-secret': {
        const p = await c.find(target());
        if (p.auth.kind !== 'adobe-oauth') throw new CliUsageError(`${p.name} does not sign in with Adobe; use "${name} set-token"`);
        if (secret === undefined) throw new CliUsageError(`${name} set-secret needs --client-secret-stdin`);
        await c.save({ id: p.id, name: p.name, environment: p.environment, color: p.color, clientCode: p.clientCode, apiVersion: p.apiVersion, baseUrl: p.baseUrl, clientSecret: secret });
        warnSessionOnly(io, c.secretStorage, 'client secret');
        io.stdout(`client secret of ${p.name} saved (${c.secretStorage})\n`);
        return 0;
      }
      default:
        return assertNever(sub, `${name} sub-command`);
    }
  });
}
