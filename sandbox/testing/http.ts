// Helpers for tests that talk to a sandbox over real HTTP, including raw bodies sent byte-for-byte as
// `curl --data-binary @file` sends them.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { parseBatchStatusResponse, type BatchStatusResponse } from '../../shared/target/batch-status-response.js';
import { parseSubmitResponse, type SubmitResponse } from '../../shared/target/submit-response.js';
import { batchUpdateUrl, fetchProfileUrl, withShowDetails, type BulkApiVersion, type ProfileLookupKind } from '../../shared/target/urls.js';

/** A complete HTTP answer. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/**
 * Sends `body` unchanged with curl's `--data-binary` headers (POST, form content type), over http or
 * https (trusting `ca` when given); resolves with the whole answer, rejects on a network error.
 */
export function rawRequest(url: string, body: string | Buffer | undefined, options: { method?: string; headers?: Record<string, string>; ca?: string | Buffer } = {}): Promise<RawResponse> {
  const bytes = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        ...(options.ca ? { ca: options.ca } : {}),
        method: options.method ?? (bytes ? 'POST' : 'GET'),
        headers: {
          ...(bytes ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(bytes.length) } : {}),
          accept: '*/*',
          ...options.headers,
        },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(bytes);
  });
}

/** POSTs a batch text (exactly as given, starting with `batch=`) to E1/E2 and returns the parsed answer with the HTTP status. */
export async function submitBatch(
  baseUrl: string,
  client: string,
  version: BulkApiVersion,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Promise<{ readonly http: RawResponse; readonly parsed: SubmitResponse }> {
  const http = await rawRequest(batchUpdateUrl(baseUrl, client, version), body, { headers });
  return { http, parsed: parseSubmitResponse(http.body) };
}

/** Submits and returns the status URL; throws when the sandbox did not accept the batch. */
export async function acceptedBatch(baseUrl: string, client: string, version: BulkApiVersion, body: string | Buffer, headers: Record<string, string> = {}): Promise<string> {
  const { parsed, http } = await submitBatch(baseUrl, client, version, body, headers);
  if (parsed.kind !== 'accepted') throw new Error(`batch not accepted: HTTP ${http.status} ${http.body}`);
  return parsed.batchStatusUrl;
}

/** GETs the status URL with showDetails=true and parses it. */
export async function batchStatus(statusUrl: string, details = true, headers: Record<string, string> = {}): Promise<BatchStatusResponse> {
  const res = await rawRequest(details ? withShowDetails(statusUrl) : statusUrl, undefined, { headers });
  return parseBatchStatusResponse(res.body);
}

/** Polls the status URL until the batch leaves `incomplete` (or `attempts` run out, then throws); returns the last answer. */
export async function waitForBatch(statusUrl: string, attempts = 1000, headers: Record<string, string> = {}): Promise<BatchStatusResponse & { kind: 'status' }> {
  // Backs off from 5 ms to 250 ms so long batches stay well inside the 50 calls/min budget.
  let wait = 5;
  for (let i = 0; i < attempts; i++) {
    const s = await batchStatus(statusUrl, true, headers);
    if (s.kind === 'status' && s.status !== 'incomplete') return s;
    await new Promise((r) => setTimeout(r, wait));
    wait = Math.min(250, wait * 2);
  }
  throw new Error(`batch still incomplete after ${attempts} polls: ${statusUrl}`);
}

/** Returns the fetch answer for a profile: HTTP status and parsed JSON body. */
export async function fetchProfile(baseUrl: string, client: string, keyKind: ProfileLookupKind, id: string, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(fetchProfileUrl(baseUrl, client, keyKind, id), { headers });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** Returns the attribute values of a fetched profile as a plain name → value map (empty when not found). */
export function attributeValues(json: Record<string, unknown>): Record<string, string> {
  const attrs = (json['profileAttributes'] ?? {}) as Record<string, { value: string }>;
  return Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, v.value]));
}

/** A sandbox as admin calls need it: where it listens and its admin key (a RunningSandbox is one). */
export interface AdminTarget {
  readonly baseUrl: string;
  readonly adminKey: string;
}

/** The header that opens the sandbox's admin routes. */
export function adminHeaders(sandbox: AdminTarget): Record<string, string> {
  return { 'x-sandbox-admin-key': sandbox.adminKey };
}

/** Sends a JSON admin request (with the sandbox's admin key) and returns status and parsed body. */
export async function admin(sandbox: AdminTarget, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${sandbox.baseUrl}${path}`, {
    method,
    headers: { ...adminHeaders(sandbox), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** Returns a unique client code for a test, so each test has its own profile space and rate window. */
export function uniqueClient(prefix = 'c'): string {
  return `${prefix}${Math.random().toString(36).slice(2, 10)}`;
}
