import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { AppServices } from '../services/app-services.js';
import { failedReply, okReply, type Reply } from '../../shared/contract/reply.js';
import { dispatchCall } from '../services/dispatch.js';
import { inJobDataWorker } from '../workers/job-data-client.js';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../store/settings-store.js';
import { TOKEN_HEADER, checkAccess, tokenCookieName } from './access-guard.js';
import { pathGuard } from './path-guard.js';
import { SECURITY_HEADERS, serveStatic } from './static-files.js';
import { clearUploads, receiveUpload } from './uploads.js';

export interface WebHostOptions {
  readonly services: AppServices;
  /** Folder with the built renderer (index.html and assets). */
  readonly staticDir: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Fixed token for tests; a random one per run otherwise. */
  readonly token?: string;
  /** The largest upload accepted (default 2 GB; the `browserMode.maxUploadBytes` setting). */
  readonly maxUploadBytes?: number;
  readonly log?: (line: string) => void;
}

export interface WebHost {
  /** The address a person opens: it carries the run's token, which the host swaps for a cookie. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  /** Where the app is served in this run (`/<random>/`): the access cookie is sent to this path only. */
  readonly appPath: string;
  close(): Promise<void>;
}

const MAX_JSON_BYTES = 1024 * 1024;

/** A request the host refuses before it reaches the contract: its HTTP status and the failed reply it gets. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly reply: Reply<never>,
  ) {
    super(reply.ok ? '' : reply.error.message);
  }
}

/**
 * Browser mode's front door: serves the built renderer and the same contract as Electron's IPC on
 * 127.0.0.1 only, under a random per-run path `/<run>/` — `POST api/call/NAME` (application/json),
 * `GET api/events` (server-sent events) and `POST api/upload?name=F` (application/octet-stream: a
 * streamed file, answered with the path to pass to `files.open`). The printed `/?token=` address swaps
 * the token for an HttpOnly cookie named for this port and scoped to the run's path, so neither another
 * instance nor another loopback server gets it. The API also answers at `/api/…` with the token in
 * the `x-profile-loader-token` header (scripts, tests). Every request must pass `checkAccess` (Host,
 * Origin, token); every response carries SECURITY_HEADERS; `files.open` and `jobs.start` take only
 * paths under the uploads folder, the state folder or the sample.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const appPath = `/${randomBytes(12).toString('base64url')}/`;
  const log = options.log ?? ((line: string) => console.error(line));
  const uploadsDir = await clearUploads(options.services.homeDir);
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const guarded = await pathGuard(options.services.handlers, { homeDir: options.services.homeDir, uploadsDir });
  const sseClients = new Set<ServerResponse>();
  let port = 0;

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof Refusal) {
        // The body may still be arriving (a refused upload): answer, then close the connection.
        res.shouldKeepAlive = false;
        if (!res.headersSent) sendJson(res, error.status, error.reply);
        else res.destroy();
        return;
      }
      log(`[web] ${req.method} ${req.url} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, failedReply('internal'));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    } catch {
      throw new Refusal(400, failedReply('bad-request', { variant: 'address' }));
    }
    // The printed address carries the token once; swap it for a cookie and send the page to the run's path.
    if (req.method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) {
      const verdict = checkAccess({ ...req.headers, [TOKEN_HEADER]: url.searchParams.get('token') ?? '' }, port, token);
      if (verdict) return sendText(res, verdict.status, verdict.reason);
      res.writeHead(302, { ...SECURITY_HEADERS, location: appPath, 'set-cookie': `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=${appPath}` });
      res.end();
      return;
    }
    const verdict = checkAccess(req.headers, port, token);
    if (verdict) return sendText(res, verdict.status, verdict.reason);
    const inApp = url.pathname.startsWith(appPath);
    const path = inApp ? `/${url.pathname.slice(appPath.length)}` : url.pathname;
    if (!inApp && !path.startsWith('/api/')) return sendText(res, 404, 'Not found.');

    if (path.startsWith('/api/call/')) {
      if (req.method !== 'POST') return sendText(res, 405, 'Use POST.');
      requireType(req, 'application/json');
      const name = decodePart(path.slice('/api/call/'.length));
      const body = await readJson(req);
      if (body === undefined) return sendJson(res, 400, failedReply('bad-arguments', { call: name, field: '', detail: 'the request body is not JSON' }));
      const reply = await dispatchCall(guarded, name, body, log);
      // A reply carrying a whole results file (up to 64 MB of text) is encoded off the main thread.
      if (carriesLargeText(reply)) return sendEncoded(res, 200, await inJobDataWorker('encodeJson', { value: reply }));
      return sendJson(res, 200, reply);
    }
    if (path === '/api/events' && req.method === 'GET') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream', connection: 'keep-alive' });
      res.write(': connected\n\n');
      sseClients.add(res);
      const unsubscribe = options.services.bus.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
      const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
      req.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
        sseClients.delete(res);
      });
      return;
    }
    if (path === '/api/upload') {
      if (req.method !== 'POST') return sendText(res, 405, 'Use POST.');
      requireType(req, 'application/octet-stream');
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > maxUploadBytes) throw new Refusal(413, tooLarge(maxUploadBytes));
      const received = await receiveUpload(req, uploadsDir, url.searchParams.get('name') ?? 'upload.csv', maxUploadBytes);
      if (received.kind === 'too-large') throw new Refusal(413, tooLarge(maxUploadBytes));
      if (received.kind === 'interrupted') return sendJson(res, 400, failedReply('upload-interrupted'));
      if (received.kind === 'failed') return sendJson(res, 200, { ok: false, error: received.error.toJSON() });
      return sendJson(res, 200, okReply({ path: received.path }));
    }
    if (req.method === 'GET' && inApp && (await serveStatic(options.staticDir, decodePart(path), res))) return;
    sendText(res, 404, 'Not found.');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    appPath,
    async close() {
      for (const client of sseClients) client.end();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function tooLarge(max: number): Reply<never> {
  return failedReply('upload-too-large', { maxBytes: max });
}

/** Percent-decodes one URL part; malformed escapes are the client's mistake (400), not ours. */
function decodePart(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new Refusal(400, failedReply('bad-request', { variant: 'escape' }));
  }
}

/** API calls must say what they send: a type a plain HTML form cannot send, so another site's form cannot post here. */
function requireType(req: IncomingMessage, type: string): void {
  const given = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (given !== type) throw new Refusal(415, failedReply('bad-request', { variant: 'content-type', type }));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    const text = Buffer.concat(chunks).toString('utf8');
    return text === '' ? {} : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Replies whose JSON is worth making in a worker: a value with a `text` over LARGE_TEXT characters. */
const LARGE_TEXT = 1024 * 1024;

function carriesLargeText(reply: Reply<unknown>): boolean {
  if (!reply.ok || typeof reply.value !== 'object' || reply.value === null) return false;
  const text = (reply.value as { text?: unknown }).text;
  return typeof text === 'string' && text.length > LARGE_TEXT;
}

function sendEncoded(res: ServerResponse, status: number, body: Uint8Array): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': body.byteLength });
  res.end(body);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
}
