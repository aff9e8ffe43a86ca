// Issue 13, item 5: the packaged app's fuses and the window's security settings. Reads the builder
// config and the window options the main process uses, and fails when one of them is lost.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { HELP_LINKS } from '../../shared/contract/help-links.js';
import { CONTENT_SECURITY_POLICY } from '../security/content-security-policy.js';
import { allowPermission, appWebPreferences, isAllowedExternal } from './window-policy.js';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFile(fileURLToPath(new URL(path, root)), 'utf8');

describe('packaged app', () => {
  it('electron-builder.yml sets every security fuse', async () => {
    const config = parse(await read('electron-builder.yml')) as { electronFuses?: Record<string, boolean> };
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('the window isolates the page, runs it sandboxed without Node, and has no DevTools when packaged', () => {
    const packaged = appWebPreferences({ preload: '/p.cjs', packaged: true });
    expect(packaged).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, webSecurity: true, webviewTag: false, devTools: false });
    expect(appWebPreferences({ preload: '/p.cjs', packaged: false }).devTools).toBe(true);
  });

  it('opens in the browser only the help links the app shows', () => {
    for (const url of Object.values(HELP_LINKS)) expect(isAllowedExternal(url)).toBe(true);
    for (const url of ['https://evil.example/', 'http://experienceleague.adobe.com/', `${HELP_LINKS.profileApiToken}?x=1`, 'file:///etc/passwd', 'javascript:alert(1)']) {
      expect(isAllowedExternal(url), url).toBe(false);
    }
  });

  it('denies every permission check and request but notifications for the app\'s own page', () => {
    const app = 'file:///opt/app/resources/app.asar/dist/renderer/';
    expect(allowPermission('notifications', `${app}index.html`, app)).toBe(true);
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial']) expect(allowPermission(p, `${app}index.html`, app), p).toBe(false);
    expect(allowPermission('notifications', 'https://evil.example/', app)).toBe(false);
  });

  it('the main process wires those handlers, and the CSP forbids form posts', async () => {
    const main = await read('electron/main/index.ts');
    expect(main).toMatch(/setPermissionCheckHandler\([^;]*allowPermission/);
    expect(main).toMatch(/setPermissionRequestHandler\([^;]*allowPermission/);
    expect(await read('electron/main/window.ts')).toMatch(/webPreferences: appWebPreferences\(\{ preload: preloadPath, packaged: app\.isPackaged \}\)/);
    expect(CONTENT_SECURITY_POLICY).toContain("form-action 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    // The desktop window loads the page from a file, where only the page's own meta policy applies.
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(await read('renderer/index.html'))?.[1] ?? '';
    expect(meta).toContain("default-src 'self'");
    expect(meta).toContain("form-action 'none'");
  });
});
