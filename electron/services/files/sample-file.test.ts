import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SAMPLE_FILE, findSampleFile } from './sample-file.js';

describe('findSampleFile', () => {
  it('finds the bundled sample from source', async () => {
    expect(await findSampleFile()).toMatch(/samples[\\/]loyalty-sample\.csv$/);
  });

  it('finds it unpacked beside the archive of a packaged app', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pl-sample-'));
    await mkdir(join(root, 'app.asar.unpacked', 'samples'), { recursive: true });
    await writeFile(join(root, 'app.asar.unpacked', 'samples', SAMPLE_FILE), 'thirdPartyId,tier\r\n');
    const from = pathToFileURL(join(root, 'app.asar', 'dist', 'electron', 'main', 'index.js')).href;
    expect(await findSampleFile(from)).toBe(join(root, 'app.asar.unpacked', 'samples', SAMPLE_FILE));
    await rm(root, { recursive: true, force: true });
  });

  it('says plainly when the installation has no sample', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pl-sample-'));
    const from = pathToFileURL(join(root, 'a', 'b', 'c', 'd', 'e', 'f', 'index.js')).href;
    await expect(findSampleFile(from)).rejects.toMatchObject({ code: 'sample-missing' });
    await rm(root, { recursive: true, force: true });
  });
});
