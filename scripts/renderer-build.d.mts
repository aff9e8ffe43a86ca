/** What the renderer build reads (paths relative to the project root). */
export declare const RENDERER_SOURCES: readonly string[];
/** The stamp of the renderer's sources under `root` now (a hex hash over path, size and modification time). */
export declare function rendererStamp(root: string): string;
/** Builds dist/renderer unless the stamp beside it matches the sources; says what it did. */
export declare function ensureRendererBuilt(root: string, onBuild?: () => void): 'reused' | 'built' | 'failed';
