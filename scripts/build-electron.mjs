// Bundles the Electron main process, its preload (CommonJS, as sandboxed preloads require) and every
// worker entry into dist/electron/, beside the renderer that `vite build` puts in dist/renderer/.
import { build } from 'esbuild';
import { readdir } from 'node:fs/promises';

// Every worker entry (electron/workers/*-worker.ts; spawn-worker.ts starts them and is not one).
const workers = (await readdir('electron/workers')).filter((f) => f.endsWith('-worker.ts') && f !== 'spawn-worker.ts').map((f) => `electron/workers/${f}`);
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', packages: 'external' };

await build({ ...common, entryPoints: ['electron/main/index.ts'], outfile: 'dist/electron/main/index.js', format: 'esm' });
await build({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: 'dist/electron/main/preload.cjs', format: 'cjs', packages: undefined, external: ['electron'] });
await build({ ...common, entryPoints: workers, outdir: 'dist/electron/workers', format: 'esm' });
console.log(`Built Electron main, preload and ${workers.length} worker(s) into dist/electron/.`);
