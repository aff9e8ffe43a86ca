// The command line of `connections` (and its alias `profiles`): its flags, its sub-commands (the flags
// each takes and its help) and the help of the whole command.
import { TOKEN_EXPIRY_WARNING_DAYS } from '../../../shared/contract/connections.js';
import type { SubcommandSpec } from '../define-command.js';
import type { CliOptions } from '../parse-flags.js';

/** Every flag of `connections`; each sub-command takes some of them. */
export const CONNECTIONS_OPTIONS = {
  json: { type: 'boolean' },
  name: { type: 'string' },
  'base-url': { type: 'string' },
  'client-code': { type: 'string' },
  'api-version': { type: 'string' },
  auth: { type: 'string' },
  'token-stdin': { type: 'boolean' },
  'token-expires-at': { type: 'string' },
  'client-id': { type: 'string' },
  'org-id': { type: 'string' },
  'tenant-id': { type: 'string' },
  'client-secret-stdin': { type: 'boolean' },
  scopes: { type: 'string' },
  'ims-url': { type: 'string' },
  'admin-api-url': { type: 'string' },
  'ca-file': { type: 'string' },
  production: { type: 'boolean' },
  clear: { type: 'boolean' },
  environment: { type: 'string' },
  color: { type: 'string' },
  'status-host': { type: 'string', multiple: true },
  'daily-row-budget': { type: 'string' },
} as const satisfies CliOptions;

type Flag = keyof typeof CONNECTIONS_OPTIONS;
const ADD_FLAGS = Object.keys(CONNECTIONS_OPTIONS).filter((k) => k !== 'clear') as Flag[];

const WHERE = `Where the values are:
  client code     Target: Administration → Implementation (Account details)
  token           Target: Administration → Implementation → Profile API → Generate New Profile
                  Authentication Token; --token-expires-at takes the date its "Expires In" box gives
                  (YYYY-MM-DD): the app warns ${TOKEN_EXPIRY_WARNING_DAYS} days before
  client ID, secret, IMS org ID, scopes
                  Adobe Developer Console: your project → OAuth Server-to-Server credential
                  (Client ID, Retrieve client secret, Organization ID, Scopes)
  tenant ID       the name after @ in your Experience Cloud address (experience.adobe.com/#/@TENANT/…);
                  it is not the client code
  --ims-url, --admin-api-url   default https://ims-na1.adobelogin.com and https://mc.adobe.io`;

const safety = (name: string): string => `The base URL and the sign-in addresses must be https:// (http:// only for 127.0.0.1/localhost); a
token or secret never travels over plain http. --ca-file names an extra certificate authority (PEM)
for this connection's https calls, e.g. your company's TLS-inspection root; the operating system's
store is trusted too. Tokens and client secrets are read from standard input, never from a flag, and
stored encrypted (OS keychain) or for this command only when no keychain is reachable — "list" says
which; without a keychain, pass --token-stdin or --client-secret-stdin to "upload", "jobs resume",
"jobs retry" and "${name} test". They are never printed. --production marks a connection that reaches real visitors (the app then asks
for its client code before sending or resuming); the environment label does not. "Local sandbox" is
built in. PROFILE_LOADER_HOME moves all state.`;

const TEST_JSON = `"test --json" prints {"profile" (the connection's name), "ok", "checks": [{"check", "ok", "code", "params", "message"}],
"tokenExpiresAt"}; check is reachable, sign-in (Adobe sign-in only), token or client-code; code and
params say what was found (docs/upload-and-jobs.md), message in English; tokenExpiresAt is an ISO
time or null.`;

const BY_NAME = "NAME is the connection's name (or give it as --name NAME).";

/** One sub-command: the flags it takes, its synopsis (as the full help shows it) and the notes its own help adds. */
function entry(flags: readonly Flag[], synopsis: string, notes: string): SubcommandSpec<typeof CONNECTIONS_OPTIONS> & { readonly synopsis: string } {
  return { flags, synopsis, usage: `Usage: profile-loader ${synopsis}\n\n${notes}` };
}

/** The sub-commands of `connections` under the name it was called by; a new one is one entry here and one case in its `run`. */
export function connectionsSubcommands(name: string) {
  return {
    list: entry(['json'], `${name} list [--json]`, 'The saved connections and where their tokens are kept; --json prints {"profiles": […], "secretStorage"}.'),
    add: entry(
      ADD_FLAGS,
      `${name} add --name N --base-url URL --client-code C --api-version v1|v2
               [--auth token|adobe-oauth] [--production] [--environment E] [--color C]
               [--status-host H]... [--daily-row-budget N] [--ca-file PEM] [--json]
      --auth token (default)    a Profile API token pasted from Target:
               [--token-stdin] [--token-expires-at DATE]
      --auth adobe-oauth        Adobe sign-in: the app mints the Profile API token itself and renews it
               --client-id ID --org-id ORG --tenant-id T --client-secret-stdin
               [--scopes S] [--ims-url URL] [--admin-api-url URL]`,
      `${WHERE}\n\n${safety(name)}`,
    ),
    remove: entry(['json', 'name'], `${name} remove NAME [--json]`, BY_NAME),
    test: entry(
      ['json', 'name', 'token-stdin', 'client-secret-stdin'],
      `${name} test NAME [--json] [--token-stdin | --client-secret-stdin]
                                 checks, one by one: reachable (and TLS valid), sign-in (Adobe sign-in
                                 only), token accepted, client code (a Target profile fetch of a random id:
                                 writes nothing, creates no batch). Exit 0 when every check passes.
                                 A token or client secret given on standard input is used for this
                                 test only (not saved).`,
      `${BY_NAME}\n\n${TEST_JSON}`,
    ),
    'set-token': entry(['name', 'token-stdin', 'token-expires-at', 'clear'], `${name} set-token NAME --token-stdin [--token-expires-at DATE] | --clear`, `${BY_NAME}\n\n${WHERE}`),
    'set-secret': entry(['name', 'client-secret-stdin'], `${name} set-secret NAME --client-secret-stdin`, `${BY_NAME}\n\n${WHERE}`),
  };
}

/** The whole help of `connections` under the name it was called by (`profiles` says it is the old name). */
export function connectionsUsage(name: string): string {
  const subs = connectionsSubcommands(name);
  const alias = name === 'profiles' ? '\n"profiles" is the old name of "connections", kept so scripts keep working: same flags, output and exit codes.\n' : '';
  return `Usage: profile-loader ${name} <${Object.keys(subs).join('|')}> [options]
${alias}
${Object.values(subs)
  .map((s) => `  ${s.synopsis}`)
  .join('\n')}
  (NAME: the connection's name, or --name NAME)

${WHERE}

${safety(name)}

${TEST_JSON}`;
}
