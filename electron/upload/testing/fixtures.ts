// Test helpers: prepared folders written the way the pipeline writes them, and fast engine settings.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Options of a synthetic prepared folder. */
export interface PreparedFixture {
  readonly batches: number;
  readonly rowsPerBatch: number;
  readonly keyPrefix?: string;
  /** Input rows blocked by validation, placed before the data rows. */
  readonly rejected?: number;
  /** Input rows excluded by the user, placed after the data rows. */
  readonly excluded?: number;
  /** Key of data line i (global, 0-based); defaults to `${keyPrefix}-${i}`. */
  readonly keyOf?: (line: number) => string;
}

/** Writes batch files, manifest.json and rows.ledger into `dir` and returns the total data lines. */
export async function writePrepared(dir: string, f: PreparedFixture): Promise<number> {
  await mkdir(dir, { recursive: true });
  const prefix = f.keyPrefix ?? 'CRM';
  const keyOf = f.keyOf ?? ((i: number) => `${prefix}-${i}`);
  const batches: { index: number; rows: number; bytes: number; path: string; firstLine: number; firstRow: number }[] = [];
  const rejected = f.rejected ?? 0;
  const excluded = f.excluded ?? 0;
  let line = 0;
  for (let b = 1; b <= f.batches; b++) {
    const lines: string[] = [];
    for (let r = 0; r < f.rowsPerBatch; r++, line++) lines.push(`${encodeURIComponent(keyOf(line))},tier${line % 3},M%C3%BCnchen`);
    const body = `batch=thirdPartyId,loyaltyTier,city\n${lines.join('\n')}\n`;
    const name = `batch-${String(b).padStart(4, '0')}.txt`;
    await writeFile(join(dir, name), body);
    batches.push({ index: b, rows: f.rowsPerBatch, bytes: Buffer.byteLength(body), path: name, firstLine: line - f.rowsPerBatch, firstRow: rejected + line - f.rowsPerBatch + 1 });
  }
  const ledger = new Int32Array(rejected + line + excluded);
  for (let i = 0; i < rejected; i++) ledger[i] = -2;
  for (let i = 0; i < line; i++) ledger[rejected + i] = i;
  for (let i = 0; i < excluded; i++) ledger[rejected + line + i] = -1;
  await writeFile(join(dir, 'rows.ledger'), Buffer.from(ledger.buffer));
  const manifest = {
    version: 1,
    file: 'customers.csv',
    format: 'csv',
    encoding: 'utf-8',
    delimiter: ',',
    headerRow: 1,
    idType: 'thirdPartyId',
    rows: ledger.length,
    valid: line,
    rejected,
    excluded,
    blockedByFileIssues: false,
    batches,
    ledger: 'rows.ledger',
    rejectedReport: 'rejected-rows.csv',
    createdAt: new Date().toISOString(),
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return line;
}

/**
 * Engine settings that keep tests quick: polls from 20 ms, short backoff, 300 ms throttle fallback, and
 * a 1 s rate window (50 calls) — pair it with a sandbox whose `rateLimitWindowMs` is 1000 (SANDBOX_FAST).
 */
export const FAST_SETTINGS = {
  engine: { backoff: { baseMs: 20, maxMs: 200, jitter: 0.5 }, throttleFallbackMs: 300, rateLimit: { callsPerWindow: 50, windowMs: 1000, safetyMs: 50 } },
  jobDefaults: { pollInitialMs: 20, pollMaxMs: 100, concurrency: 2, maxSubmitAttempts: 8 },
};

/** Creates a temp state folder with `settings.json`: FAST_SETTINGS with `extra.engine` and `extra.jobDefaults` merged over it (and `extra.verify` as given). */
export async function tempHome(extra: Record<string, unknown> = {}): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'pl-home-'));
  const e = (extra.engine ?? {}) as Record<string, unknown>;
  const j = (extra.jobDefaults ?? {}) as Record<string, unknown>;
  const merged = { engine: { ...FAST_SETTINGS.engine, ...e }, jobDefaults: { ...FAST_SETTINGS.jobDefaults, ...j }, ...(extra.verify ? { verify: extra.verify } : {}) };
  await writeFile(join(home, 'settings.json'), JSON.stringify(merged, null, 2));
  return home;
}

/** Sandbox settings matching FAST_SETTINGS: the same 50 calls per 1 s window. */
export const SANDBOX_FAST = { rateLimitPerMinute: 50, rateLimitWindowMs: 1000 };
