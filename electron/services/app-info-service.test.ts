// The app's version comes from its package.json, found from source and from the built app's layout.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageJsonUrl, readAppVersion } from './app-info-service.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('app version', () => {
  it('is the version package.json gives', async () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(await readAppVersion()).toBe(version);
  });

  it('is read from the package.json beside dist/ in the built app', () => {
    expect(fileURLToPath(packageJsonUrl(pathToFileURL(join(root, 'dist/electron/main/index.js')).href))).toBe(join(root, 'package.json'));
  });
});
