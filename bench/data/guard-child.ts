// Child process for the guard benchmark: ONE prepare pass of FILE with the personal-data guard on or off,
// in a fresh process. `tsx bench/data/guard-child.ts on|off FILE OUTDIR` prints one JSON line.
import { openTable } from '../../electron/io/open-table.js';
import { runPrepare } from '../../electron/services/prepare/prepare-pipeline.js';
import { defaultMapping } from '../../shared/domain/mapping-spec.js';

const [mode, file, outDir] = process.argv.slice(2);
if (!file || !outDir || (mode !== 'on' && mode !== 'off')) throw new Error('usage: guard-child on|off FILE OUTDIR');

const cpuStart = process.cpuUsage();
const started = performance.now();
const info = await openTable(file);
const result = await runPrepare({
  path: file,
  read: {},
  mapping: defaultMapping(info.headers, info.headers[0]!, 'thirdPartyId'),
  duplicates: 'first-wins',
  fixes: { comma: { kind: 'replace', with: ' ' }, lineBreak: { kind: 'replace', with: ' ' }, numbers: { columns: {}, all: 'thousands' } },
  edits: [],
  outDir,
  issueLimit: 1000,
  guard: mode === 'on',
});
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStart);
process.stdout.write(
  JSON.stringify({
    mode,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    rows: result.manifest.rows,
    valid: result.manifest.valid,
    params: result.manifest.params.length,
    bytes: result.manifest.batches.reduce((n, b) => n + b.bytes, 0),
    personalWarnings: result.issueCounts['value-personal-data'] ?? 0,
    personalColumns: result.personalData.length,
  }) + '\n',
);
