/**
 * Electron's main process: one instance, one window, the contract served over typed IPC, and the same
 * services browser mode and the CLI use.
 */
import { app, session } from 'electron';
import type { BrowserWindow } from 'electron';
import { resolveAppHome } from '../services/app-home.js';
import { createAppServices } from '../services/app-services.js';
import type { AppServices } from '../services/app-services.js';
import { CONTENT_SECURITY_POLICY } from '../security/content-security-policy.js';
import { registerContractHandlers, sendEvent } from './typed-ipc.js';
import { appUrlPrefix, createMainWindow, isOwnFrame } from './window.js';
import { allowPermission } from './window-policy.js';
import { safeStorageCipher } from './safe-storage-cipher.js';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | undefined;
  let services: AppServices | undefined;

  app.on('second-instance', () => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  void app.whenReady().then(async () => {
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    });
    // Every permission is denied but desktop notifications for our own page (window-policy.ts).
    session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => allowPermission(permission, details.requestingUrl ?? requestingOrigin, appUrlPrefix));
    session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => callback(allowPermission(permission, details.requestingUrl, appUrlPrefix)));
    services = await createAppServices({ homeDir: resolveAppHome(), host: 'electron', secretCipher: safeStorageCipher() });
    window = createMainWindow();
    const own = window;
    registerContractHandlers(services.handlers, (event) => isOwnFrame(own, event));
    services.bus.subscribe((event) => sendEvent(own.webContents, event));
    window.on('closed', () => {
      window = undefined;
    });
  });

  app.on('window-all-closed', () => {
    void services?.close().finally(() => app.quit());
  });
}
