import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BatchProcessor } from './batch-processor.js';
import { SandboxContext } from './context.js';
import { listen, type Listener, type TlsMaterial } from './listener.js';
import { createRequestListener } from './server.js';
import { defaultSettings, type SandboxSettings } from './settings.js';
import { applyPatches, checkSettingsPatch, faultProfilePatch, type SettingsPatch } from './settings-patch.js';
import { SandboxStore } from './store.js';

export type { FaultSettings, RouteFaults, SandboxSettings } from './settings.js';
export type { DeepPartial, SettingsPatch } from './settings-patch.js';
export { defaultSettings } from './settings.js';
export { FAULT_PROFILES } from './settings-patch.js';

/** How to start a sandbox. Every field is optional. */
export interface SandboxOptions {
  /** TCP port; default 0 = a free port. */
  port?: number;
  /** Interface to listen on; default '127.0.0.1'. */
  host?: string;
  /** Durable store folder; default: a new folder under os.tmpdir() (removed on close unless `keepDataDir`). */
  dataDir?: string;
  /** Keep an auto-created dataDir on close (the CLI does). */
  keepDataDir?: boolean;
  /** incomplete → complete delay in ms; default 0. Overrides the config file and `settings`. */
  processingDelayMs?: number;
  /** A built-in fault profile, e.g. 'flaky'. */
  faultProfile?: string;
  /** A JSON settings file (same shape as `settings`). */
  configFile?: string;
  /** Any settings; applied over the config file and the fault profile. */
  settings?: SettingsPatch;
  /** Receives log lines; default: none. */
  log?: (line: string) => void;
  /** Serve https too, on the same port (PEM key and certificate). */
  tls?: TlsMaterial;
}

/** A sandbox that is listening. */
export interface RunningSandbox {
  /** 'http://127.0.0.1:PORT'. */
  readonly baseUrl: string;
  /** 'https://127.0.0.1:PORT' (same port) when started with `tls`. */
  readonly httpsBaseUrl: string | undefined;
  readonly dataDir: string;
  /** The key admin routes need in the header `x-sandbox-admin-key` (new at every start; also in `<dataDir>/admin-key`). */
  readonly adminKey: string;
  /** Effective global settings right now. */
  settings(): SandboxSettings;
  /** Stops listening, lets the chunk in progress finish, and closes the store. Safe to call twice. */
  close(): Promise<void>;
}

/** Reads and checks a JSON settings file; throws an Error listing every problem. */
export async function readConfigFile(path: string): Promise<SettingsPatch> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (err) {
    throw new Error(`Cannot read config file ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const check = checkSettingsPatch(parsed);
  if (!check.ok) throw new Error(`Config file ${path} is invalid:\n  ${check.errors.join('\n  ')}`);
  return check.patch;
}

function urlHost(address: AddressInfo): string {
  const a = address.address;
  if (a === '0.0.0.0') return '127.0.0.1';
  if (a === '::') return '[::1]';
  return address.family === 'IPv6' ? `[${a}]` : a;
}

/**
 * Starts a local Target: opens (or creates) the store in `dataDir`, resumes batches left incomplete,
 * and listens. Throws when the config file or settings are invalid, the store is locked by another
 * process, or the port is taken.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const log = options.log ?? (() => {});
  const filePatch = options.configFile ? await readConfigFile(options.configFile) : undefined;
  if (options.settings) {
    const check = checkSettingsPatch(options.settings);
    if (!check.ok) throw new Error(`Invalid sandbox settings:\n  ${check.errors.join('\n  ')}`);
  }
  const profilePatch = options.faultProfile ? faultProfilePatch(options.faultProfile) : undefined;
  const delayPatch: SettingsPatch | undefined = options.processingDelayMs === undefined ? undefined : { processingDelayMs: options.processingDelayMs };
  const base = applyPatches(defaultSettings(), filePatch, profilePatch, options.settings, delayPatch);

  const autoDir = options.dataDir === undefined;
  const dataDir = autoDir ? await mkdtemp(join(tmpdir(), 'target-sandbox-')) : resolve(options.dataDir as string);
  await mkdir(join(dataDir, 'batches'), { recursive: true });
  const store = await SandboxStore.open(join(dataDir, 'db'));
  let server: Listener | undefined;
  let processor: BatchProcessor | undefined;
  try {
    const stored = { global: await store.getSettingsPatch(undefined), clients: await store.allClientSettings() };
    const adminKey = randomBytes(24).toString('base64url');
    await writeFile(join(dataDir, 'admin-key'), `${adminKey}\n`, { mode: 0o600 });
    const ctx = new SandboxContext(store, dataDir, base, stored, log, adminKey);
    for (const b of await store.batchOrder()) ctx.retention.note(b.client, b.id);
    processor = new BatchProcessor(ctx);
    const proc = processor;
    // Resume (and clean up orphan batch texts) before listening, so no new batch can race the cleanup.
    const resumed = await processor.resumeAll();
    if (resumed > 0) log(`resumed ${resumed} incomplete batch(es)`);
    server = await listen(options.port ?? 0, options.host ?? '127.0.0.1', createRequestListener(ctx, proc), options.tls);
    const address = server.address;
    ctx.baseUrl = `http://${urlHost(address)}:${address.port}`;
    ctx.httpsBaseUrl = options.tls ? `https://${urlHost(address)}:${address.port}` : undefined;
    const srv = server;
    let closing: Promise<void> | undefined;
    return {
      baseUrl: ctx.baseUrl,
      httpsBaseUrl: ctx.httpsBaseUrl,
      dataDir,
      adminKey,
      settings: () => ctx.settingsFor(undefined),
      close: () => {
        closing ??= (async () => {
          await srv.close();
          await proc.close();
          await store.close();
          if (autoDir && !options.keepDataDir) await rm(dataDir, { recursive: true, force: true });
        })();
        return closing;
      },
    };
  } catch (err) {
    await server?.close();
    await processor?.close();
    await store.close();
    if (autoDir) await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
}
