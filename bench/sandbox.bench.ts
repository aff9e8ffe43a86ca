/**
 * `npm run bench -- sandbox`: ingests a 500,000-row × 10-parameter v2 batch into a fresh sandbox
 * (POST → `complete`, over real HTTP) and, in the same run, times merely form-decoding and splitting
 * the same body. Prints the ratio of the two and the store's size on disk.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseBatchStatusResponse } from '../shared/target/batch-status-response.js';
import { parseSubmitResponse } from '../shared/target/submit-response.js';
import { batchUpdateUrl, withShowDetails } from '../shared/target/urls.js';
import { readBatchField } from '../sandbox/form-body.js';
import { startSandbox } from '../sandbox/index.js';
import { rawRequest } from '../sandbox/testing/http.js';

const ROWS = 500_000;
const PARAMS = 10;

function buildBody(): Buffer {
  const header = ['thirdPartyId', ...Array.from({ length: PARAMS }, (_, i) => `param${i}`)].join(',');
  const lines = [`batch=${header}`];
  for (let r = 0; r < ROWS; r++) {
    const cells = [`CRM-${String(r).padStart(7, '0')}`];
    for (let p = 0; p < PARAMS; p++) cells.push(p === 3 ? `M%C3%BCnchen${r % 97}` : `v${(r * 31 + p) % 1000}`);
    lines.push(cells.join(','));
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/** The baseline: decode the form field and split rows and cells, touching every cell. */
function decodeAndSplit(body: Buffer): number {
  const field = readBatchField(body.toString('utf8'));
  if (field.kind !== 'ok') throw new Error('bench body did not decode');
  let cells = 0;
  for (const line of field.text.split('\n')) if (line !== '') cells += line.split(',').length;
  return cells;
}

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    total += entry.isDirectory() ? await dirBytes(p) : (await stat(p)).size;
  }
  return total;
}

async function ingest(body: Buffer): Promise<{ ms: number; cpuMs: number; storeBytes: number }> {
  const sb = await startSandbox({ keepDataDir: true, settings: { rateLimitCountsStatus: false } });
  try {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const res = await rawRequest(batchUpdateUrl(sb.baseUrl, 'bench', 2), body);
    const submit = parseSubmitResponse(res.body);
    if (submit.kind !== 'accepted') throw new Error(`batch not accepted: ${JSON.stringify(submit)}`);
    for (;;) {
      const status = parseBatchStatusResponse(await (await fetch(withShowDetails(submit.batchStatusUrl))).text());
      if (status.kind === 'status' && status.status !== 'incomplete') {
        if (status.counters?.successfulUpdates !== ROWS) throw new Error(`unexpected counters ${JSON.stringify(status.counters)}`);
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    await sb.close();
    return { ms, cpuMs: (cpu.user + cpu.system) / 1000, storeBytes: await dirBytes(sb.dataDir) };
  } finally {
    await sb.close();
    await rm(sb.dataDir, { recursive: true, force: true });
  }
}

/** Runs the benchmark and prints `key: value` lines. */
export async function run(): Promise<void> {
  const body = buildBody();
  console.log(`sandbox_body_bytes: ${body.length}`);
  decodeAndSplit(body); // warm-up
  const d0 = performance.now();
  const c0 = process.cpuUsage();
  const cells = decodeAndSplit(body);
  const decodeMs = performance.now() - d0;
  const decodeCpu = process.cpuUsage(c0);
  if (cells !== (ROWS + 1) * (PARAMS + 1)) throw new Error(`split ${cells} cells`);
  const { ms, cpuMs, storeBytes } = await ingest(body);
  console.log(`sandbox_decode_split_ms: ${decodeMs.toFixed(0)}`);
  console.log(`sandbox_ingest_ms: ${ms.toFixed(0)}`);
  console.log(`sandbox_ingest_rows_per_s: ${Math.round(ROWS / (ms / 1000))}`);
  console.log(`sandbox_ingest_vs_decode_ratio: ${(ms / decodeMs).toFixed(2)}`);
  // CPU time of the whole process (LevelDB's threads included): steadier than wall time on a busy machine.
  console.log(`sandbox_ingest_cpu_ms: ${cpuMs.toFixed(0)}`);
  console.log(`sandbox_ingest_vs_decode_cpu_ratio: ${(cpuMs / ((decodeCpu.user + decodeCpu.system) / 1000)).toFixed(2)}`);
  console.log(`sandbox_store_bytes: ${storeBytes}`);
}
