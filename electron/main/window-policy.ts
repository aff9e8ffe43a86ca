// The desktop window's security settings as plain values, kept apart from the `electron` package so a
// test can read them (electron/main/window-policy.test.ts) on a machine without the Electron runtime.
import { isHelpLink } from '../../shared/contract/help-links.js';

/** The webPreferences of the app window: DESIGN.md's defaults, and no DevTools in a packaged app. */
export function appWebPreferences(options: { readonly preload: string; readonly packaged: boolean }) {
  return {
    preload: options.preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    devTools: !options.packaged,
  } as const;
}

/** Links a page may open in the user's browser: only the help pages the app itself shows. */
export function isAllowedExternal(url: string): boolean {
  return isHelpLink(url);
}

/**
 * Whether a page may use a browser permission: only our own page (its URL under `appUrlPrefix`) and
 * only desktop notifications ("upload finished"); every other check and request is denied.
 */
export function allowPermission(permission: string, requestingUrl: string, appUrlPrefix: string): boolean {
  return permission === 'notifications' && requestingUrl.startsWith(appUrlPrefix);
}
