import { mkdir, readFile } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import { dirname } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatBatchId } from '../shared/target/batch-id.js';
import { buildBatchStatusXml } from '../shared/target/batch-status-response.js';
import { TARGET_MESSAGES } from '../shared/target/messages.js';
import { buildFailureXml, buildSubmitAcceptedXml } from '../shared/target/submit-response.js';
import { batchStatusUrl, legacyBatchStatusUrl, type BulkApiVersion } from '../shared/target/urls.js';
import type { BatchProcessor } from './batch-processor.js';
import { keysFrom, parseHeader, scanRows } from './batch-text.js';
import type { SandboxContext } from './context.js';
import { readBatchField } from './form-body.js';
import { readBody, send } from './http-io.js';
import type { SandboxSettings } from './settings.js';
import type { BatchRecord } from './store.js';

const DAY_MS = 24 * 3600 * 1000;

function xml(res: ServerResponse, settings: SandboxSettings, status: number, body: string): void {
  send(res, status, body, settings.xmlContentType);
}

/** Returns a processing delay for a new batch: fixed, or 'realistic' (1–60 min, 1% up to 24 h). */
function processingDelay(settings: SandboxSettings, random: () => number): number {
  if (settings.processingDelayMode === 'fixed') return settings.processingDelayMs;
  const r = random();
  return r < 0.01 ? 3_600_000 + random() * (DAY_MS - 3_600_000) : 60_000 + random() * 3_540_000;
}

/** Writes `text` through a temp file that is fsynced and renamed (the write-file-atomic library the app uses too). */
async function writeDurably(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, text, { fsync: true });
}

/** E1/E2: validates and stores a batch, answering `success=true` only once the batch is durable. `https`: the request came in over TLS. */
export async function handleBatchUpdate(
  req: IncomingMessage,
  res: ServerResponse,
  route: { readonly client: string; readonly version: BulkApiVersion },
  ctx: SandboxContext,
  processor: BatchProcessor,
  https: boolean,
): Promise<void> {
  const settings = ctx.settingsFor(route.client);
  if (req.method !== 'POST') {
    req.resume();
    xml(res, settings, settings.nonPostStatus, buildFailureXml('Method not allowed'));
    return;
  }
  const limitMb = Math.round(settings.maxBodyBytes / (1024 * 1024));
  const declared = Number(req.headers['content-length'] ?? NaN);
  const read = await readBody(req, Number.isFinite(declared) && declared >= settings.maxBodyBytes ? 0 : settings.maxBodyBytes);
  if (read.kind === 'aborted') return;
  if (read.kind === 'tooLarge') {
    xml(res, settings, settings.limitHttpStatus, buildFailureXml(`Batch file is too large: the limit is under ${limitMb} MB`));
    return;
  }
  const field = readBatchField(read.body.toString('utf8'));
  if (field.kind === 'malformed') {
    xml(res, settings, 200, buildFailureXml(TARGET_MESSAGES.unexpectedError));
    return;
  }
  if (field.kind === 'missing' || field.text === '') {
    xml(res, settings, 200, buildFailureXml(TARGET_MESSAGES.batchEmpty));
    return;
  }
  const text = field.text;
  const header = parseHeader(text, settings.stripTrailingCr, settings.keyHeaderCaseInsensitive);
  if (header.kind === 'bad') {
    xml(res, settings, 200, buildFailureXml(settings.badHeaderMessage));
    return;
  }
  const scan = scanRows(text, header.bodyStart, settings.stripTrailingCr);
  if (scan.rows === 0) {
    xml(res, settings, 200, buildFailureXml(TARGET_MESSAGES.batchEmpty));
    return;
  }
  if (scan.rows > settings.maxRows) {
    xml(res, settings, settings.limitHttpStatus, buildFailureXml(`Batch has too many rows: ${scan.rows} rows, the limit is ${settings.maxRows}`));
    return;
  }
  const now = Date.now();
  if (settings.dailyRowCap !== null) {
    const used = ctx.dailyRows.total(route.client, DAY_MS, now);
    if (used + scan.rows > settings.dailyRowCap) {
      xml(res, settings, settings.limitHttpStatus, buildFailureXml(`Daily row limit reached: ${settings.dailyRowCap} rows per 24 hours`));
      return;
    }
    ctx.dailyRows.add(route.client, scan.rows, now);
  }
  const id = formatBatchId(route.client, now, ctx.nextSerial());
  const rec: BatchRecord = {
    id,
    client: route.client,
    version: route.version,
    keyKind: header.keyKind,
    header: header.header,
    acceptedAt: now,
    dueAt: now + processingDelay(settings, ctx.random),
    state: 'incomplete',
    batchSize: scan.rows,
    offset: header.bodyStart,
    counters: { consumedCount: 0, successfulUpdates: 0, profilesNotFound: 0, failedUpdates: 0 },
    rowEntries: 0,
    willStick: settings.faults.stuckRate > 0 && ctx.random() < settings.faults.stuckRate,
    allEmpty: !scan.anyValue,
  };
  await writeDurably(ctx.batchTextPath(id), text);
  await ctx.store.write([{ type: 'batch', value: rec }], true);
  ctx.retention.note(route.client, id);
  processor.schedule(rec);
  if (settings.faults.batchUpdate.lostResponseRate > 0 && ctx.random() < settings.faults.batchUpdate.lostResponseRate) {
    res.socket?.destroy();
    return;
  }
  const edge = ctx.edgeBase(route.client, https);
  const statusUrl = settings.statusVariant === 'legacy' ? legacyBatchStatusUrl(edge, route.client, id) : batchStatusUrl(edge, route.client, id);
  xml(res, settings, 200, buildSubmitAcceptedXml(statusUrl));
}

/** The older per-row form (§12.3): while incomplete, the next rows waiting are listed `pending` (at most one chunk's worth). */
async function pendingRows(ctx: SandboxContext, rec: BatchRecord, settings: SandboxSettings): Promise<{ id: string; status: string }[]> {
  const text = await readFile(ctx.batchTextPath(rec.id), 'utf8').catch(() => '');
  return keysFrom(text, rec.offset, settings.stripTrailingCr, settings.chunkRows).map((id) => ({ id, status: 'pending' }));
}

/** E3: the status of a batch, with counters on `showDetails=true` and v2 per-row entries. */
export async function handleBatchStatus(res: ServerResponse, url: URL, route: { readonly client: string }, ctx: SandboxContext): Promise<void> {
  const settings = ctx.settingsFor(route.client);
  const batchId = url.searchParams.get('batchId') ?? '';
  const rec = batchId === '' ? undefined : await ctx.store.getBatch(batchId);
  if (!rec || ctx.retention.agedOut(rec.client, rec.id, rec.acceptedAt, settings.statusRetention, Date.now())) {
    xml(res, settings, settings.unknownBatchHttpStatus, buildFailureXml(settings.unknownBatchMessage));
    return;
  }
  const details = url.searchParams.get('showDetails') === 'true';
  const hideCounters = rec.state === 'incomplete' && !settings.progressiveCounters;
  const counters = details ? (hideCounters ? { consumedCount: 0, successfulUpdates: 0, profilesNotFound: 0, failedUpdates: 0 } : rec.counters) : undefined;
  const listRows = rec.version === 2 && (details || !settings.v2ProfilesNeedShowDetails) && !hideCounters;
  const legacy = settings.statusVariant === 'legacy';
  let profiles = listRows && rec.rowEntries > 0 ? await ctx.store.rowEntries(rec.id, rec.rowEntries) : [];
  if (legacy) profiles = profiles.map((p) => (p.status === 'failed' ? { ...p, status: 'error' } : p));
  if (legacy && listRows && rec.state === 'incomplete') profiles = [...profiles, ...(await pendingRows(ctx, rec, settings))];
  xml(res, settings, 200, buildBatchStatusXml({ batchId: rec.id, status: rec.state, batchSize: rec.batchSize, counters, omitConsumedCount: legacy, profiles }));
}
