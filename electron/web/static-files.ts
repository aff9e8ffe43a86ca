import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../security/content-security-policy.js';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.csv': 'text/csv; charset=utf-8',
};

/** Headers on every response of the browser-mode host (pages, API answers, errors, redirects, events). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

/**
 * Serves a file from `root` for a (decoded) URL path, falling back to index.html for app routes.
 * Resolves false when nothing could be served (the caller answers 404); never serves outside `root`.
 */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse): Promise<boolean> {
  const clean = normalize(urlPath).replace(/^([/\\])+/, '');
  let file = join(root, clean === '' ? 'index.html' : clean);
  if (!file.startsWith(root + sep) && file !== root) return false;
  let info = await stat(file).catch(() => undefined);
  if (!info || info.isDirectory()) {
    if (extname(clean) !== '') return false;
    file = join(root, 'index.html');
    info = await stat(file).catch(() => undefined);
    if (!info) return false;
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': types[extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
  });
  await new Promise<void>((resolve, reject) => {
    createReadStream(file).on('error', reject).on('end', resolve).pipe(res);
  });
  return true;
}
