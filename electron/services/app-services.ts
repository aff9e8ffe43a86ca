import type { HostKind } from '../../shared/contract/index.js';
import { makeHomePrivate } from './app-home.js';
import { EventBus } from './event-bus.js';
import type { Handlers } from './handlers.js';
import { createAppInfoHandlers } from './app-info-service.js';
import { FileService } from './files/file-service.js';
import { createMapHandlers } from './map/map-service.js';
import { RecentFiles } from '../store/recent-files.js';
import { ReviewService } from './review/review-service.js';
import { TemplateStore } from '../store/template-store.js';
import type { SecretCipher } from '../store/encrypted-file-secret-store.js';
import { createUploadServices } from './upload-services.js';
import { createResultDownloadHandlers } from './results/result-download.js';

/** Everything a front door needs: the handlers for every call, the event bus, and a clean shutdown. */
export interface AppServices {
  readonly handlers: Handlers;
  readonly bus: EventBus;
  readonly homeDir: string;
  close(): Promise<void>;
}

export interface AppServicesOptions {
  readonly homeDir: string;
  readonly host: HostKind;
  readonly log?: (line: string) => void;
  /** Electron passes its safeStorage cipher (electron/main/safe-storage-cipher.ts); elsewhere tokens use the OS keychain or the session. */
  readonly secretCipher?: SecretCipher | undefined;
}

/**
 * Builds the Node side's services over one state folder. Each service contributes the handler slice
 * for its calls; `close()` stops background work and releases files. Throws only if the state folder
 * cannot be created.
 */
export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  await makeHomePrivate(options.homeDir);
  const bus = new EventBus();
  const log = options.log ?? ((line: string) => console.error(line));
  const recent = new RecentFiles(options.homeDir);
  const files = new FileService({ homeDir: options.homeDir, bus, log, onOpened: (summary) => void recent.record(summary) });
  const templates = new TemplateStore(options.homeDir);
  const review = new ReviewService({ homeDir: options.homeDir, bus, files, log });
  const upload = await createUploadServices({ homeDir: options.homeDir, secretCipher: options.secretCipher, emit: (e) => bus.emit(e), emitVerify: (e) => bus.emit(e), autoVerify: true, log });
  // A verification the last session left unfinished only reads from Target: it picks up where it stopped.
  void upload.verify.resumeUnfinished();
  const handlers: Handlers = {
    ...createAppInfoHandlers({ host: options.host, homeDir: options.homeDir }),
    ...files.handlers(),
    ...createMapHandlers({ files, recent, templates }),
    ...review.handlers(),
    ...upload.handlers(),
    ...createResultDownloadHandlers(upload.jobs),
  };
  return {
    handlers,
    bus,
    homeDir: options.homeDir,
    async close() {
      review.close();
      await upload.close();
      await files.close();
    },
  };
}
