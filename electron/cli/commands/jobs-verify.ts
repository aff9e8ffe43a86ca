import type { VerifyView } from '../../../shared/contract/verify.js';
import { describeError } from '../../messages/error-words.js';
import { describeVerifyRow } from '../../messages/verify-words.js';
import { jobPaths } from '../../services/jobs/job-paths.js';
import { runAndReport, withServices } from '../cli-services.js';
import { CliUsageError, type CliIo } from '../cli-types.js';
import { parseFlags } from '../parse-flags.js';

/** Usage lines of the verification sub-commands (part of `help jobs`). */
export const VERIFY_USAGE = `  jobs verify JOBID [--all | --sample N] [--wait-minutes M] [--json]
                                     read the job's confirmed rows back from Target and compare each
                                     value sent: every row up to 2,000 (--all: always every row), else a
                                     seeded sample of N per batch (default 500; a re-run checks the same
                                     rows). Rows not visible yet are read again until M minutes after
                                     their batch completed (default 10), then called missing. A stopped
                                     verification resumes where it stopped. Exit 0: nothing missing or
                                     different; 1: some rows are missing, differ or are not visible yet
  jobs resend-missing JOBID [--json] new job of the rows the last verification found missing, with the
                                     values first sent; prints what "upload --json" prints`;

/** How many problem rows `jobs verify --json` lists. */
const JSON_PROBLEM_ROWS = 100;

function wholeNumber(flag: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new CliUsageError(`${flag} must be a whole number of at least ${min}`);
  return n;
}

/** `jobs verify JOBID …`: runs (or resumes) a verification in this process and prints its outcome. */
export async function jobsVerify(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, { all: { type: 'boolean' }, sample: { type: 'string' }, 'wait-minutes': { type: 'string' }, json: { type: 'boolean' } });
  const jobId = positionals[0];
  if (!jobId) throw new CliUsageError('jobs verify needs a JOBID (see "jobs list")');
  if (values.all && values.sample !== undefined) throw new CliUsageError('--all and --sample N choose differently: use one');
  const sampleSize = wholeNumber('--sample', values.sample, 1);
  let waitMinutes: number | undefined;
  if (values['wait-minutes'] !== undefined) {
    waitMinutes = Number(values['wait-minutes']);
    if (!Number.isFinite(waitMinutes) || waitMinutes < 0) throw new CliUsageError('--wait-minutes must be a number of minutes, 0 or more');
  }
  const json = values.json ?? false;
  return withServices(io, async (services) => {
    const mode = values.all ? 'all' : sampleSize !== undefined ? 'sample' : 'auto';
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
  });
}

function pct(x: number): string {
  return `${(x * 100).toFixed(x < 0.01 ? 2 : 1)}%`;
}

/** `jobs resend-missing JOBID`: a new job of the missing rows, run to its end like `upload`. */
export async function jobsResendMissing(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, { json: { type: 'boolean' } });
  const jobId = positionals[0];
  if (!jobId) throw new CliUsageError('jobs resend-missing needs a JOBID (see "jobs list")');
  const json = values.json ?? false;
  return withServices(io, async (services, home) => {
    const spec = await services.verify.resendMissing(jobId);
    if (!json) io.stderr(`job ${spec.jobId}: sending again ${spec.batches.reduce((n, b) => n + b.rows, 0)} missing row(s) of job ${jobId}\n`);
    return runAndReport(io, services, jobPaths(home, spec.jobId).results, spec.jobId, { json, unknown: 'auto', batches: spec.batches.length });
  });
}
