import { BrowserWindow, shell } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import { fileURLToPath, pathToFileURL } from 'node:url';

const rendererIndex = fileURLToPath(new URL('../../renderer/index.html', import.meta.url));
const preloadPath = fileURLToPath(new URL('./preload.cjs', import.meta.url));
const appUrlPrefix = pathToFileURL(rendererIndex).href.replace(/index\.html$/, '');

/**
 * The app window with DESIGN.md's security defaults: context isolation, sandbox, no Node in the page,
 * new windows denied, navigation away from the app cancelled, and external links opened in the
 * user's browser only for https.
 */
export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'Profile Loader',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternal(url)) void shell.openExternal(url);
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

/** External links open only when they are plain https URLs. */
export function isSafeExternal(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}
