import type { CliIo } from '../cli-types.js';
import { CliUsageError } from '../cli-types.js';
import { defineCommand, type SubcommandSpec } from '../define-command.js';
import type { CliOptions } from '../parse-flags.js';
import { assertNever } from '../../../shared/domain/assert-never.js';
import { describeError } from '../../messages/error-words.js';
import { jobPaths } from '../../services/jobs/job-paths.js';
import type { UploadServices } from '../../services/upload-services.js';
import type { UnknownChoice } from '../../upload/unknown-facts.js';
import { jobsResendMissing, jobsVerify } from './jobs-verify.js';
import { exitCodeOfRun, finalJson, printSummary, readTokenFromStdin, runAndReport, unknownOutcomesOf, withServices } from '../cli-services.js';
import { counted } from '../../messages/plural.js';

const OPTIONS = {
  json: { type: 'boolean' },
  'token-stdin': { type: 'boolean' },
  'client-secret-stdin': { type: 'boolean' },
  'unknown-outcomes': { type: 'string' },
  all: { type: 'boolean' },
  sample: { type: 'string' },
  'wait-minutes': { type: 'string' },
} as const satisfies CliOptions;

type Flag = keyof typeof OPTIONS;
/** The flags of a sub-command that runs a job (its token or secret for this run, what to do with unknown outcomes). */
const RUNS_A_JOB: readonly Flag[] = ['json', 'token-stdin', 'client-secret-stdin', 'unknown-outcomes'];
const RUN_FLAGS = '[--json] [--token-stdin | --client-secret-stdin] [--unknown-outcomes auto|resend|give-up]';

const NOTES = `States: running, paused, interrupted (its process died: resume it), completed, cancelled, damaged
(its journal cannot be read back: repair it).
Exit 0: done with every sent row confirmed or not found. Exit 1: rows failed/unknown, or paused.
Exit 2: bad arguments, an unknown or damaged job, or a file that could not be written (the message
names it and says why). PROFILE_LOADER_HOME moves all state to another folder.`;

/** One sub-command: the flags it takes, its synopsis and what it does (lines of the usage text). */
function entry(flags: readonly Flag[], synopsis: string, about: string): SubcommandSpec<typeof OPTIONS> & { readonly synopsis: string; readonly about: string } {
  return { flags, synopsis, about, usage: `Usage: profile-loader ${synopsis}\n\n  ${about.replaceAll('\n', '\n  ')}\n\n${NOTES}` };
}

/** Every `jobs` sub-command; a new one is one entry here and one case in `run`. */
const SUBCOMMANDS = {
  list: entry(['json'], 'jobs list [--json]', 'the job history, newest first ([{jobId, state, …}])'),
  show: entry(['json'], 'jobs show JOBID [--json]', 'one job: totals, batches, alerts, why it paused'),
  resume: entry(RUNS_A_JOB, `jobs resume JOBID ${RUN_FLAGS}`, 'continue a paused or interrupted job from its journal; a batch\nTarget acknowledged is never sent again'),
  cancel: entry(['json'], 'jobs cancel JOBID [--json]', 'stop for good (unsent batches are cancelled)'),
  retry: entry(RUNS_A_JOB, `jobs retry JOBID ${RUN_FLAGS}`, 'new job from the failed, unknown and unsent rows of a finished job,\nrun at once'),
  results: entry(['json'], 'jobs results JOBID [--json]', "(re)write the job's results.csv and print its path"),
  repair: entry(['json'], 'jobs repair JOBID [--json]', "keep the records before the damaged line of a damaged job's\njournal (the damaged copy stays beside it), then resume it"),
  verify: entry(
    ['json', 'all', 'sample', 'wait-minutes'],
    'jobs verify JOBID [--all | --sample N] [--wait-minutes M] [--json]',
    "read the job's confirmed rows back from Target and compare each\nvalue sent: every row up to 2,000 (--all: always every row), else a\nseeded sample of N per batch (default 500; a re-run checks the same\nrows). Rows not visible yet are read again until M minutes after\ntheir batch completed (default 10), then called missing. A stopped\nverification resumes where it stopped. Exit 0: nothing missing or\ndifferent; 1: some rows are missing, differ or are not visible yet",
  ),
  'resend-missing': entry(['json'], 'jobs resend-missing JOBID [--json]', 'new job of the rows the last verification found missing, with the\nvalues first sent, run at once; prints what "upload --json" prints'),
};

const INDENT = ' '.repeat(37);
const USAGE = `Usage: profile-loader jobs <${Object.keys(SUBCOMMANDS).join('|')}> [JOBID] [options]

${Object.values(SUBCOMMANDS)
  .map(({ synopsis, about }) => `  ${synopsis.length <= 34 ? `${synopsis.padEnd(34)} ` : `${synopsis}\n${INDENT}`}${about.replaceAll('\n', `\n${INDENT}`)}`)
  .join('\n')}

${NOTES}`;

function needId(positionals: readonly string[], sub: string): string {
  const id = positionals[1];
  if (!id) throw new CliUsageError(`jobs ${sub} needs a JOBID (see "jobs list")`);
  return id;
}

async function runJob(io: CliIo, services: UploadServices, home: string, jobId: string, json: boolean, unknown: UnknownChoice): Promise<number> {
  const job = await services.jobs.load(jobId);
  if (job.view.state === 'completed' || job.view.state === 'cancelled') {
    const out = finalJson(job.view, jobPaths(home, jobId).results);
    if (json) io.stdout(`${JSON.stringify(out)}\n`);
    else printSummary(io, out);
    return exitCodeOfRun(out);
  }
  return runAndReport(io, services, jobPaths(home, jobId).results, jobId, { json, unknown, batches: job.spec.batches.length });
}

/** `jobs`: list, show, resume, cancel, retry, verify and report upload jobs. */
export const command = defineCommand({
  name: 'jobs',
  summary: 'list, show, resume, cancel, retry or verify upload jobs',
  usage: USAGE,
  options: OPTIONS,
  subcommands: { table: SUBCOMMANDS, default: 'list' },
  async run({ values, positionals, sub }, io) {
    const json = values.json ?? false;
    const unknown = unknownOutcomesOf(values['unknown-outcomes']);
    if (values['token-stdin'] && values['client-secret-stdin']) throw new CliUsageError('--token-stdin and --client-secret-stdin both read standard input: use one');
    const token = values['token-stdin'] ? await readTokenFromStdin(io) : undefined;
    const secret = values['client-secret-stdin'] ? await readTokenFromStdin(io, '--client-secret-stdin') : undefined;
    return withServices(io, async (services, home) => {
      switch (sub) {
        case 'list': {
          const items = await services.jobs.list();
          // `message` (English) stays in the --json shape scripts rely on.
          if (json) io.stdout(`${JSON.stringify(items.map((j) => ({ ...j, message: j.pauseError ? describeError(j.pauseError) : null })))}\n`);
          else if (items.length === 0) io.stdout('no jobs yet\n');
          else {
            for (const j of items) {
              io.stdout(`${j.jobId}  ${j.state.padEnd(11)} ${j.profileName} (${j.clientCode})  ${j.file}  rows ${j.rows}: confirmed ${j.confirmed}, not found ${j.notFound}, failed ${j.failed}, unknown ${j.unknown}, pending ${j.pending}${j.pauseReason ? `  [paused: ${j.pauseReason}]` : ''}\n`);
              if (j.state === 'damaged' && j.pauseError) io.stdout(`    ${describeError(j.pauseError)}\n`);
            }
          }
          return 0;
        }
        case 'show': {
          const jobId = needId(positionals, sub);
          const job = await services.jobs.load(jobId);
          const item = await services.jobs.listItem(jobId);
          const alerts = job.view.alerts.map((a) => ({ ...a, message: describeError(a) }));
          const out = { ...finalJson(job.view, jobPaths(home, jobId).results), state: item.state, createdAt: job.spec.createdAt, profileName: job.spec.connection.name, clientCode: job.spec.connection.clientCode, apiVersion: job.spec.connection.apiVersion, file: job.spec.source.file, retryOf: job.spec.source.retryOf, alerts };
          if (json) io.stdout(`${JSON.stringify(out)}\n`);
          else {
            io.stdout(`${out.file} → ${out.profileName} (${out.clientCode}, ${out.apiVersion}), created ${out.createdAt}\n`);
            printSummary(io, { ...out, state: item.state });
            for (const a of out.alerts) io.stdout(`${a.level}: ${a.message}\n`);
          }
          return 0;
        }
        case 'resume': {
          const jobId = needId(positionals, sub);
          const job = await services.jobs.load(jobId);
          if (token !== undefined) services.connections.setSessionToken(job.spec.connection.profileId, token);
          if (secret !== undefined) services.connections.setSessionClientSecret(job.spec.connection.profileId, secret);
          return runJob(io, services, home, jobId, json, unknown);
        }
        case 'cancel': {
          const jobId = needId(positionals, sub);
          const view = await services.jobs.cancel(jobId);
          const out = finalJson(view, jobPaths(home, jobId).results);
          if (json) io.stdout(`${JSON.stringify(out)}\n`);
          else printSummary(io, out);
          return 0;
        }
        case 'retry': {
          const jobId = needId(positionals, sub);
          const spec = await services.jobs.retryFailed(jobId);
          if (token !== undefined) services.connections.setSessionToken(spec.connection.profileId, token);
          if (secret !== undefined) services.connections.setSessionClientSecret(spec.connection.profileId, secret);
          if (!json) io.stderr(`job ${spec.jobId}: retrying ${counted(spec.batches.reduce((n, b) => n + b.rows, 0), 'row', 'rows')} of job ${jobId}\n`);
          return runJob(io, services, home, spec.jobId, json, unknown);
        }
        case 'repair': {
          const jobId = needId(positionals, sub);
          const view = await services.jobs.repair(jobId);
          const item = await services.jobs.listItem(jobId);
          const out = { ...finalJson(view, jobPaths(home, jobId).results), state: item.state, alerts: view.alerts };
          if (json) io.stdout(`${JSON.stringify(out)}\n`);
          else {
            io.stdout(`${view.alerts.at(-1)?.message ?? 'repaired'}\n`);
            printSummary(io, out);
            if (item.state === 'interrupted' || item.state === 'paused') io.stdout(`resume with: profile-loader jobs resume ${jobId}\n`);
          }
          return 0;
        }
        case 'results': {
          const jobId = needId(positionals, sub);
          const r = await services.jobs.results(jobId);
          io.stdout(json ? `${JSON.stringify(r)}\n` : `${r.path} (${r.rows} rows)\n`);
          return 0;
        }
        case 'verify':
          return jobsVerify(io, services, needId(positionals, sub), { json, all: values.all ?? false, sample: values.sample, waitMinutes: values['wait-minutes'] });
        case 'resend-missing':
          return jobsResendMissing(io, services, home, needId(positionals, sub), json);
        default:
          return assertNever(sub, 'jobs sub-command');
      }
    });
  },
});
