import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** TypeScript sources of a folder that are neither tests nor fixtures. */
async function sources(folder: string): Promise<string[]> {
  const names = (await readdir(folder, { recursive: true })) as string[];
  return names.filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts') && !n.split(/[\\/]/).includes('fixtures')).map((n) => join(folder, n));
}

describe('words live in renderer/i18n and the CLI table (DESIGN.md "Translation and error codes")', () => {
  it('no Node-side or shared source holds Korean text', async () => {
    const withHangul: string[] = [];
    for (const folder of ['electron', 'sandbox', 'shared']) {
      for (const path of await sources(folder)) if (/\p{Script=Hangul}/u.test(await readFile(path, 'utf8'))) withHangul.push(path);
    }
    expect(withHangul).toEqual([]);
  });
});
