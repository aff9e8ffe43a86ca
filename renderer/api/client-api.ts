import type { AppApi, AppEvent, HostKind, Reply } from '../../shared/contract/index.js';

/**
 * What the UI talks to: every contract call, the event stream, and the one host-specific affordance —
 * turning a dropped or chosen `File` into a path the Node side can open (Electron: the file's own
 * path; browser mode: an upload to the local host).
 */
export interface ClientApi {
  readonly host: HostKind;
  readonly call: AppApi;
  /** Registers a listener for Node-side events; returns the function that removes it. */
  subscribe(listener: (event: AppEvent) => void): () => void;
  /** Resolves with a path `files.open` accepts for a file the user dropped or picked. */
  pathForFile(file: File, onProgress?: (sent: number, total: number) => void): Promise<string>;
}

/** The shape Electron's preload exposes on `window.profileLoader`. */
export interface PreloadBridge {
  readonly invoke: (name: string, args: unknown) => Promise<Reply>;
  readonly onEvent: (listener: (event: AppEvent) => void) => () => void;
  readonly pathForFile: (file: File) => string;
}
