// Child process for the prepare benchmark: runs ONE timed pass in a fresh process so its peak RSS is
// its own. `tsx bench/data/prepare-child.ts papaparse|prepare FILE OUTDIR` prints one JSON line.
import { openTable } from '../../electron/io/open-table.js';
import { runPrepare } from '../../electron/services/prepare/prepare-pipeline.js';
import { defaultMapping } from '../../shared/domain/mapping-spec.js';
import { timePapaparse } from './parse-timers.js';

const [mode, file, outDir] = process.argv.slice(2);
if (!file || !outDir || (mode !== 'papaparse' && mode !== 'prepare')) throw new Error('usage: prepare-child papaparse|prepare FILE OUTDIR');

const cpuStart = process.cpuUsage();
let seconds: number;
let rows: number;
let extra: Record<string, number> = {};
if (mode === 'papaparse') {
  const r = await timePapaparse(file);
  seconds = r.seconds;
  rows = r.rows - 1;
} else {
  const started = performance.now();
  const info = await openTable(file);
  const result = await runPrepare({
    path: file,
    read: {},
    // The file has e-mail, name and phone columns: sent by explicit choice, so this benchmark keeps
    // measuring the same work as before the personal-data guard (its cost is bench/guard.bench.ts).
    mapping: { ...defaultMapping(info.headers, 'thirdPartyId', 'thirdPartyId'), allowPersonalData: [...info.headers] },
    duplicates: 'flag',
    fixes: { comma: { kind: 'replace', with: ' ' }, lineBreak: { kind: 'replace', with: ' ' }, numbers: { columns: {}, all: null } },
    edits: [],
    outDir,
    issueLimit: 1000,
  });
  seconds = (performance.now() - started) / 1000;
  rows = result.manifest.rows;
  extra = { valid: result.manifest.valid, batches: result.manifest.batches.length, bytes: result.manifest.batches.reduce((n, b) => n + b.bytes, 0) };
}
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const maxRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(JSON.stringify({ mode, seconds, cpuSeconds, rows, maxRssMb, ...extra }) + '\n');
