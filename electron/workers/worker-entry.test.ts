// Every worker the app starts is found from source and from the built app's layout (scripts/build-electron.mjs:
// the main process bundled to dist/electron/main/index.js, each worker to dist/electron/workers/<name>.js).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workerEntry } from './spawn-worker.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const names = readdirSync(join(root, 'electron/workers'))
  .filter((f) => f.endsWith('-worker.ts') && f !== 'spawn-worker.ts')
  .map((f) => f.slice(0, -'.ts'.length));

describe('workerEntry', () => {
  it('finds every worker module from source', () => {
    expect(names).toEqual(expect.arrayContaining(['file-worker', 'prepare-worker', 'job-data-worker', 'sandbox-worker']));
    for (const name of names) expect(existsSync(fileURLToPath(workerEntry(name))), name).toBe(true);
  });

  it('points inside dist/electron/workers from the main bundle and from a worker bundle', () => {
    const dist = join(root, 'dist/electron');
    for (const from of [join(dist, 'main/index.js'), join(dist, 'workers/prepare-worker.js')]) {
      for (const name of names) expect(fileURLToPath(workerEntry(name, pathToFileURL(from).href))).toBe(join(dist, 'workers', `${name}.js`));
    }
  });

  it('matches where the build puts the workers and the main bundle', () => {
    const build = readFileSync(join(root, 'scripts/build-electron.mjs'), 'utf8');
    expect(build).toContain("outdir: 'dist/electron/workers'");
    expect(build).toContain("outfile: 'dist/electron/main/index.js'");
    expect(build).toContain("f.endsWith('-worker.ts') && f !== 'spawn-worker.ts'");
  });
});
