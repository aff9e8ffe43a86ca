import { parseArgs } from 'node:util';
import type { SandboxOptions } from './index.js';
import { applyPatches, patchFromAssignment, type SettingsPatch } from './settings-patch.js';

/** Usage text of `npm run sandbox --`. */
export const CLI_USAGE = `Usage: npm run sandbox -- [options]
  --port N                 port to listen on (default 4010; 0 = any free port)
  --host H                 interface to listen on (default 127.0.0.1)
  --data-dir DIR           durable store folder (default: a new folder under the OS temp dir, kept)
  --processing-delay-ms N  how long a batch stays incomplete (default 0)
  --fault-profile NAME     built-in faults: none, flaky
  --config FILE            JSON settings file (see docs/sandbox.md)
  --tls-key FILE           with --tls-cert: also serve https on the same port (PEM files)
  --tls-cert FILE
  --set NAME=VALUE         one setting, e.g. --set requireAuth=true --set faults.batchUpdate.errorRate=0.1
  --help                   this text`;

/** What a command line asks for: sandbox options plus CLI-only fields. */
export type CliOptions = SandboxOptions & { help?: boolean; tlsKeyFile?: string; tlsCertFile?: string };

/** Returns the options a command line asks for, or throws an Error naming the bad argument. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed: ReturnType<typeof parseSandboxArgs>;
  try {
    parsed = parseSandboxArgs(argv);
  } catch (error) {
    throw new Error(plainParseError(error));
  }
  const v = parsed.values;
  const out: CliOptions = { port: 4010, keepDataDir: true };
  if (v.port !== undefined) out.port = wholeNumber('--port', v.port);
  if (v.host !== undefined) out.host = v.host;
  if (v['data-dir'] !== undefined) out.dataDir = v['data-dir'];
  if (v['processing-delay-ms'] !== undefined) out.processingDelayMs = wholeNumber('--processing-delay-ms', v['processing-delay-ms']);
  if (v['fault-profile'] !== undefined) out.faultProfile = v['fault-profile'];
  if (v.config !== undefined) out.configFile = v.config;
  if (v['tls-key'] !== undefined) out.tlsKeyFile = v['tls-key'];
  if (v['tls-cert'] !== undefined) out.tlsCertFile = v['tls-cert'];
  if (v.help) out.help = true;
  if (v.set) out.settings = v.set.reduce<SettingsPatch>((patch, assignment) => applyPatches<SettingsPatch>(patch, patchFromAssignment(assignment)), {});
  if ((out.tlsKeyFile === undefined) !== (out.tlsCertFile === undefined)) throw new Error('--tls-key and --tls-cert go together');
  return out;
}

function parseSandboxArgs(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'processing-delay-ms': { type: 'string' },
      'fault-profile': { type: 'string' },
      config: { type: 'string' },
      'tls-key': { type: 'string' },
      'tls-cert': { type: 'string' },
      set: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function wholeNumber(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new Error(`${flag} expects a whole number, got "${text}"`);
  return Number(text);
}

/** parseArgs's own errors, said as the sandbox always said them. */
function plainParseError(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const quoted = /'(-{0,2}[^' ]+)/.exec(e.message ?? '')?.[1] ?? '';
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `${quoted} needs a value`;
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `Unknown argument "${quoted}"`;
  return e.message ?? String(error);
}
