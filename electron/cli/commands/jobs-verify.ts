import type { VerifyView } from '../../../shared/contract/verify.js';
import { describeError } from '../../messages/error-words.js';
import { describeVerifyRow } from '../../messages/verify-words.js';
import { jobPaths } from '../../services/jobs/job-paths.js';
import { runAndReport } from '../cli-services.js';
import type { UploadServices } from '../../services/upload-services.js';
import { CliUsageError, type CliIo } from '../cli-types.js';
import { counted } from '../../messages/plural.js';

/** How many problem rows `jobs verify --json` lists. */
const JSON_PROBLEM_ROWS = 100;

function wholeNumber(flag: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new CliUsageError(`${flag} must be a whole number of at least ${min}`);
  return n;
}

/** The flags of `jobs verify`, as parsed. */
export interface VerifyFlags {
  readonly json: boolean;
  readonly all: boolean;
  readonly sample: string | undefined;
  readonly waitMinutes: string | undefined;
}

/** `jobs verify JOBID …`: runs (or resumes) a verification in this process, prints its outcome and resolves to the exit code. */
export async function jobsVerify(io: CliIo, services: UploadServices, jobId: string, flags: VerifyFlags): Promise<number> {
  if (flags.all && flags.sample !== undefined) throw new CliUsageError('--all and --sample N choose differently: use one');
  const sampleSize = wholeNumber('--sample', flags.sample, 1);
  let waitMinutes: number | undefined;
  if (flags.waitMinutes !== undefined) {
    waitMinutes = Number(flags.waitMinutes);
    if (!Number.isFinite(waitMinutes) || waitMinutes < 0) throw new CliUsageError('--wait-minutes must be a number of minutes, 0 or more');
  }
  const json = flags.json;
  const mode = flags.all ? 'all' : sampleSize !== undefined ? 'sample' : 'auto';
  const onSigint = () => void services.verify.close();
  process.on('SIGINT', onSigint);
  let view: VerifyView;
  try {
    if (!json) io.stderr(`verifying job ${jobId} in Target…\n`);
    view = await services.verify.run(jobId, { mode, sampleSize, waitMinutes });
  } finally {
    process.off('SIGINT', onSigint);
  }
  const problems = await services.verify.problems(jobId, 0, JSON_PROBLEM_ROWS);
  const out = {
    jobId,
    checked: view.checked,
    verified: view.verified,
    differs: view.differs,
    missing: view.missing,
    notYetVisible: view.notYetVisible,
    sample: view.sample,
    rows: problems.rows,
    planned: view.planned,
    eligible: view.eligible,
    state: view.state,
    notLandedEstimate: view.notLandedEstimate,
    message: view.error ? describeError(view.error) : null,
  };
  if (json) io.stdout(`${JSON.stringify(out)}\n`);
  else {
    io.stdout(`job ${jobId}: verified ${view.verified} of ${view.checked} checked rows · ${view.missing} missing · ${view.differs} differ · ${view.notYetVisible} not visible yet\n`);
    if (view.sample) {
      const e = view.notLandedEstimate;
      io.stdout(`a sample of ${view.planned} of ${view.eligible} confirmed rows${e ? `: about ${pct(e.rate)} of rows did not land (95% between ${pct(e.low)} and ${pct(e.high)})` : ''}\n`);
    }
    for (const r of problems.rows) io.stdout(`  row ${r.row ?? '?'} ${r.key}: ${r.outcome}${r.diffs.length ? ` — ${describeVerifyRow({ o: r.outcome, d: [...r.diffs] })}` : ''}\n`);
    if (problems.total > problems.rows.length) io.stdout(`  … and ${problems.total - problems.rows.length} more in the results file\n`);
    if (view.state !== 'finished') io.stdout(`${out.message ?? 'verification stopped'}; run "jobs verify ${jobId}" again to resume\n`);
    if (view.missing > 0) io.stdout(`send the missing rows again with: profile-loader jobs resend-missing ${jobId}\n`);
  }
  return view.state === 'finished' && view.missing === 0 && view.differs === 0 && view.notYetVisible === 0 ? 0 : 1;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(x < 0.01 ? 2 : 1)}%`;
}

/** `jobs resend-missing JOBID`: a new job of the missing rows, run to its end like `upload`; resolves to the exit code. */
export async function jobsResendMissing(io: CliIo, services: UploadServices, home: string, jobId: string, json: boolean): Promise<number> {
  const spec = await services.verify.resendMissing(jobId);
  if (!json) io.stderr(`job ${spec.jobId}: sending again ${counted(spec.batches.reduce((n, b) => n + b.rows, 0), 'missing row', 'missing rows')} of job ${jobId}\n`);
  return runAndReport(io, services, jobPaths(home, spec.jobId).results, spec.jobId, { json, unknown: 'auto', batches: spec.batches.length });
}
