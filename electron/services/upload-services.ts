import { UsageLedger } from '../store/usage-ledger.js';
import { makeHomePrivate } from './app-home.js';
import { createSecretStore } from '../store/create-secret-store.js';
import type { SecretCipher } from '../store/encrypted-file-secret-store.js';
import type { OsKeychain } from '../store/os-keychain.js';
import type { SecretStore } from '../store/secret-store.js';
import { loadAppSettings, type AppSettings } from '../store/settings-store.js';
import type { JobEvent } from '../../shared/jobs/job-events.js';
import { createHttpTransport, type Transport } from '../upload/http-transport.js';
import { RateLimiterRegistry } from '../upload/rate-limiter.js';
import { ConnectionService, type LocalSandbox } from './connections/connection-service.js';
import { startSandboxInWorker } from './connections/local-sandbox-worker.js';
import { JobService } from './jobs/job-service.js';
import type { ProfileLookup, VerifyEvent } from '../../shared/contract/verify.js';
import type { ProfileLookupKind } from '../../shared/target/urls.js';
import { lookupProfile } from './verify/profile-lookup.js';
import { VerifyService } from './verify/verify-service.js';
import { CatalogService } from './catalog/catalog-service.js';

/** Options of the upload side of the app (saved connections, tokens, jobs). */
export interface UploadServicesOptions {
  readonly homeDir: string;
  /** Electron's safeStorage cipher when the app runs in Electron (see electron/main/safe-storage-cipher.ts). */
  readonly secretCipher?: SecretCipher | undefined;
  /** Overrides the platform keychain (tests); `null` forces session-only storage. */
  readonly keychain?: OsKeychain | null;
  readonly secrets?: SecretStore;
  readonly transport?: Transport;
  readonly emit?: (event: JobEvent) => void;
  /** Verify each completed upload in the background when its connection asks for it (the app; the CLI verifies on demand). */
  readonly autoVerify?: boolean;
  /** Receives verification progress (the app's event bus). */
  readonly emitVerify?: (event: VerifyEvent) => void;
  readonly log?: (line: string) => void;
  /** Starts the in-process sandbox for the built-in connection; defaults to sandbox/'s startSandbox. */
  readonly startLocalSandbox?: (dataDir: string) => Promise<LocalSandbox>;
}

/** The upload side of the app, shared by every front door (IPC, browser mode, CLI). */
export interface UploadServices {
  readonly connections: ConnectionService;
  readonly jobs: JobService;
  readonly verify: VerifyService;
  /** The parameter names sent to each connection (the attribute catalog). */
  readonly catalog: CatalogService;
  readonly settings: AppSettings;
  /** Reads one visitor profile through a saved connection, beside what this app last sent for the id. */
  lookup(connectionId: string, kind: ProfileLookupKind, id: string): Promise<ProfileLookup>;
  readonly secrets: SecretStore;
  handlers(): ReturnType<ConnectionService['handlers']> & ReturnType<JobService['handlers']> & ReturnType<VerifyService['handlers']> & ReturnType<CatalogService['handlers']> & { 'lookup.profile': (args: { connectionId: string; id: string; idType: ProfileLookupKind }) => Promise<ProfileLookup> };
  /** Pauses running jobs, then stops the local sandbox if one was started. */
  close(): Promise<void>;
}

/** The built-in sandbox runs in a worker thread: its ingest of a large batch must not stall the app. */
async function defaultStartLocalSandbox(dataDir: string): Promise<LocalSandbox> {
  return startSandboxInWorker(dataDir);
}

/**
 * Builds the connection and job services over one state folder: reads `settings.json`, picks the
 * strongest secret store available (safeStorage, OS keychain file, or session-only) and one rate
 * limiter per client code for the whole process. Throws `settings-invalid` for a bad settings file.
 */
export async function createUploadServices(options: UploadServicesOptions): Promise<UploadServices> {
  await makeHomePrivate(options.homeDir);
  const settings = await loadAppSettings(options.homeDir);
  const secrets =
    options.secrets ??
    (await createSecretStore({ homeDir: options.homeDir, ...(options.secretCipher ? { cipher: options.secretCipher } : {}), ...(options.keychain !== undefined ? { keychain: options.keychain } : {}) }));
  const transport = options.transport ?? createHttpTransport();
  const limiters = new RateLimiterRegistry(settings.engine.rateLimit);
  const connections = new ConnectionService({
    homeDir: options.homeDir,
    secrets,
    transport,
    startLocalSandbox: options.startLocalSandbox ?? defaultStartLocalSandbox,
  });
  const jobs = new JobService({
    homeDir: options.homeDir,
    connections,
    transport,
    limiters,
    usage: new UsageLedger(options.homeDir),
    engine: settings.engine,
    jobDefaults: settings.jobDefaults,
    ...(options.emit ? { emit: options.emit } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...(options.autoVerify ? { onCompleted: (jobId: string) => verify.afterCompleted(jobId) } : {}),
  });
  const verify: VerifyService = new VerifyService({
    homeDir: options.homeDir,
    jobs,
    connections,
    transport,
    settings: settings.verify,
    ...(options.emitVerify ? { emit: options.emitVerify } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  const catalog = new CatalogService({ homeDir: options.homeDir, jobs, ...(options.log ? { log: options.log } : {}) });
  const lookup = (connectionId: string, kind: ProfileLookupKind, id: string) => lookupProfile({ connections, jobs, transport }, connectionId, kind, id);
  return {
    connections,
    jobs,
    verify,
    catalog,
    lookup,
    settings,
    secrets,
    handlers: () => ({
      ...connections.handlers(),
      ...jobs.handlers(),
      ...verify.handlers(),
      ...catalog.handlers(),
      'lookup.profile': (args: { connectionId: string; id: string; idType: ProfileLookupKind }) => lookup(args.connectionId, args.idType, args.id),
    }),
    async close() {
      await verify.close();
      await jobs.close();
      await connections.close();
      if (!options.transport) transport.close();
    },
  };
}
