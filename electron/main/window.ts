import { app, BrowserWindow, shell } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { appWebPreferences, isAllowedExternal } from './window-policy.js';

const rendererIndex = fileURLToPath(new URL('../../renderer/index.html', import.meta.url));
const preloadPath = fileURLToPath(new URL('./preload.cjs', import.meta.url));
/** Where the app's own pages live (file URL prefix): the only frames the contract and permissions answer. */
export const appUrlPrefix = pathToFileURL(rendererIndex).href.replace(/index\.html$/, '');

/**
 * The app window with DESIGN.md's security defaults (see window-policy.ts): context isolation, sandbox,
 * no Node in the page, no DevTools in a packaged app, new windows denied, navigation away from the app
 * cancelled, and only the app's own help links opened in the user's browser.
 */
export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'Profile Loader',
    show: false,
    webPreferences: appWebPreferences({ preload: preloadPath, packaged: app.isPackaged }),
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(appUrlPrefix)) event.preventDefault();
  });
  window.once('ready-to-show', () => window.show());
  void window.loadFile(rendererIndex);
  return window;
}

/** True for the one kind of sender the contract answers: our window's top frame showing our files. */
export function isOwnFrame(window: BrowserWindow, event: IpcMainInvokeEvent): boolean {
  return event.sender === window.webContents && event.senderFrame !== null && event.senderFrame === window.webContents.mainFrame && event.senderFrame.url.startsWith(appUrlPrefix);
}
