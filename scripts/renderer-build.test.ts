// `npm start` reuses the built renderer while its sources are unchanged: the stamp follows every source
// file the build reads, and a missing output or a changed source builds again.
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureRendererBuilt, rendererStamp } from './renderer-build.mjs';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function project(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'pl-stamp-'));
  dirs.push(root);
  await mkdir(join(root, 'renderer', 'features'), { recursive: true });
  await mkdir(join(root, 'shared'), { recursive: true });
  await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html>');
  await writeFile(join(root, 'renderer', 'features', 'a.tsx'), 'export const a = 1;');
  await writeFile(join(root, 'shared', 'b.ts'), 'export const b = 2;');
  await writeFile(join(root, 'package-lock.json'), '{}');
  return root;
}

describe('the renderer build stamp', () => {
  it('changes when a source changes, is added, or is touched, and not otherwise', async () => {
    const root = await project();
    const first = rendererStamp(root);
    expect(rendererStamp(root)).toBe(first);
    await writeFile(join(root, 'dist-not-a-source.txt'), 'x');
    expect(rendererStamp(root)).toBe(first);
    await writeFile(join(root, 'shared', 'b.ts'), 'export const b = 3;');
    const edited = rendererStamp(root);
    expect(edited).not.toBe(first);
    await utimes(join(root, 'renderer', 'features', 'a.tsx'), new Date(), new Date(Date.now() + 60_000));
    const touched = rendererStamp(root);
    expect(touched).not.toBe(edited);
    await writeFile(join(root, 'renderer', 'features', 'c.tsx'), '');
    expect(rendererStamp(root)).not.toBe(touched);
  });

  it('reuses the output while the stamp beside it matches, and builds again when the output or the stamp differs', async () => {
    const root = await project();
    await mkdir(join(root, 'dist', 'renderer'), { recursive: true });
    await writeFile(join(root, 'dist', 'renderer', 'index.html'), 'built');
    await writeFile(join(root, 'dist', 'renderer.stamp'), `${rendererStamp(root)}\n`);
    let builds = 0;
    expect(ensureRendererBuilt(root, () => builds++)).toBe('reused');
    expect(builds).toBe(0);
    // A changed source asks for a build (this temporary project has no vite, so the build fails and the stamp goes).
    await writeFile(join(root, 'renderer', 'features', 'a.tsx'), 'export const a = 2;');
    expect(ensureRendererBuilt(root, () => builds++)).toBe('failed');
    expect(builds).toBe(1);
    expect(existsSync(join(root, 'dist', 'renderer.stamp'))).toBe(false);
    // So does a missing output under a matching stamp.
    await writeFile(join(root, 'dist', 'renderer.stamp'), `${rendererStamp(root)}\n`);
    await rm(join(root, 'dist', 'renderer', 'index.html'));
    expect(ensureRendererBuilt(root, () => builds++)).toBe('failed');
    expect(builds).toBe(2);
    expect(await readFile(join(root, 'renderer', 'index.html'), 'utf8')).toBe('<!doctype html>');
  });
});
