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
  const out: CliOptions = { port: 4010, keepDataDir: true };
  let settings: SettingsPatch | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    const int = (): number => {
      const v = value();
      if (!/^\d+$/.test(v)) throw new Error(`${name} expects a whole number, got "${v}"`);
      return Number(v);
    };
    switch (name) {
      case '--port':
        out.port = int();
        break;
      case '--host':
        out.host = value();
        break;
      case '--data-dir':
        out.dataDir = value();
        break;
      case '--processing-delay-ms':
        out.processingDelayMs = int();
        break;
      case '--fault-profile':
        out.faultProfile = value();
        break;
      case '--config':
        out.configFile = value();
        break;
      case '--tls-key':
        out.tlsKeyFile = value();
        break;
      case '--tls-cert':
        out.tlsCertFile = value();
        break;
      case '--set':
        settings = applyPatches<SettingsPatch>(settings ?? {}, patchFromAssignment(value()));
        break;
      case '--help':
      case '-h':
        out.help = true;
        break;
      default:
        throw new Error(`Unknown argument "${arg}"`);
    }
  }
  if (settings) out.settings = settings;
  if ((out.tlsKeyFile === undefined) !== (out.tlsCertFile === undefined)) throw new Error('--tls-key and --tls-cert go together');
  return out;
}
