import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

/** Lints `code` as if it were the file at `filePath` and returns the rule ids it broke. */
async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('lint enforces the import table of DESIGN.md', () => {
  it('rejects an import from renderer/ into electron/', async () => {
    expect(await ruleIds('renderer/features/x.ts', "import { startWebHost } from '../../electron/web/web-host.js';\nexport const x = startWebHost;\n")).toContain('no-restricted-imports');
  });

  it('rejects Node APIs in renderer/', async () => {
    expect(await ruleIds('renderer/x.ts', "import { readFile } from 'node:fs/promises';\nexport const x = readFile;\n")).toContain('no-restricted-imports');
  });

  it('rejects imports from shared/ into electron/ or renderer/, and Node APIs in shared/', async () => {
    expect(await ruleIds('shared/domain/x.ts', "import { getApi } from '../../renderer/api/index.js';\nexport const x = getApi;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('shared/domain/x.ts', "import { resolveAppHome } from '../../electron/services/app-home.js';\nexport const x = resolveAppHome;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('shared/domain/x.ts', "import { join } from 'path';\nexport const x = join;\n")).toContain('no-restricted-imports');
  });

  it('lets sandbox/ import only the Target model from shared/', async () => {
    expect(await ruleIds('sandbox/x.ts', "import { calls } from '../shared/contract/index.js';\nexport const x = calls;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('sandbox/x.ts', "import * as target from '../shared/target/index.js';\nexport const x = target;\n")).not.toContain('no-restricted-imports');
  });

  it('bans raw ipcMain outside the typed wrapper, and the electron package outside main/ and preload/', async () => {
    expect(await ruleIds('electron/main/index.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('electron/main/typed-ipc.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n")).not.toContain('no-restricted-imports');
    expect(await ruleIds('electron/services/x.ts', "import { app } from 'electron';\nexport const x = app;\n")).toContain('no-restricted-imports');
  });

  it('bans default exports', async () => {
    expect(await ruleIds('shared/domain/x.ts', 'export default function x() {}\n')).toContain('no-restricted-syntax');
  });

  it('accepts an allowed import', async () => {
    expect(await ruleIds('renderer/x.ts', "import { calls } from '../shared/contract/index.js';\nexport const x = calls;\n")).toEqual([]);
  });
});
