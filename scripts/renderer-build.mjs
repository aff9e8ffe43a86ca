// Builds the renderer (`vite build` into dist/renderer) only when its sources changed since the last
// build. The stamp — a hash over the path, size and modification time of every source the build reads —
// is kept beside the output (dist/renderer.stamp); a missing output or a different stamp rebuilds.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

/** What the renderer build reads: its sources, the shared code it imports, and what pins the tools. */
export const RENDERER_SOURCES = ['renderer', 'shared', 'vite.config.ts', 'tsconfig.base.json', 'package.json', 'package-lock.json'];

function* files(root, path) {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return;
  if (!info.isDirectory()) {
    yield `${relative(root, path)}\t${info.size}\t${info.mtimeMs}`;
    return;
  }
  for (const name of readdirSync(path).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    yield* files(root, join(path, name));
  }
}

/** The stamp of the renderer's sources under `root` now. */
export function rendererStamp(root) {
  const hash = createHash('sha256');
  for (const source of RENDERER_SOURCES) for (const line of files(root, join(root, source))) hash.update(`${line}\n`);
  return hash.digest('hex');
}

/**
 * Makes sure dist/renderer under `root` is built from the current sources: returns 'reused' when the
 * stamp matches and the output is there, 'built' after a successful `vite build`, 'failed' otherwise
 * (the stamp is removed, so the next start builds again). `onBuild` is called before a build starts.
 */
export function ensureRendererBuilt(root, onBuild = () => undefined) {
  const out = join(root, 'dist', 'renderer');
  const stampFile = join(root, 'dist', 'renderer.stamp');
  const stamp = rendererStamp(root);
  const kept = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';
  if (kept === stamp && existsSync(join(out, 'index.html'))) return 'reused';
  rmSync(stampFile, { force: true });
  onBuild();
  const result = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) return 'failed';
  // The sources may have moved while vite ran: stamp what was there before the build, so such a change rebuilds next time.
  writeFileSync(stampFile, `${stamp}\n`);
  return 'built';
}
