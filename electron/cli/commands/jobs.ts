import type { CliCommand, CliIo } from '../cli-types.js';
import { CliUsageError } from '../cli-types.js';
import { parseFlags } from '../parse-flags.js';
import { describeError } from '../../messages/error-words.js';
import { jobPaths } from '../../services/jobs/job-paths.js';
import type { UploadServices } from '../../services/upload-services.js';
import { jobsResendMissing, jobsVerify, VERIFY_USAGE } from './jobs-verify.js';
import { exitCodeOfRun, finalJson, printSummary, readTokenFromStdin, runAndReport, withServices } from '../cli-services.js';

const USAGE = `Usage: profile-loader jobs <list|show|resume|cancel|retry|results|repair|verify|resend-missing> [JOBID] [options]

  jobs list [--json]                 the job history, newest first ([{jobId, state, …}])
  jobs show JOBID [--json]           one job: totals, batches, alerts, why it paused
  jobs resume JOBID [--json] [--token-stdin | --client-secret-stdin] [--unknown-outcomes auto|resend|give-up]
                                     continue a paused or interrupted job from its journal; a batch
                                     Target acknowledged is never sent again
  jobs cancel JOBID [--json]         stop for good (unsent batches are cancelled)
  jobs retry JOBID [--json]          new job from the failed, unknown and unsent rows of a finished job
  jobs results JOBID [--json]        (re)write the job's results.csv and print its path
  jobs repair JOBID [--json]         keep the records before the damaged line of a damaged job's
                                     journal (the damaged copy stays beside it), then resume it
${VERIFY_USAGE}

States: running, paused, interrupted (its process died: resume it), completed, cancelled, damaged
(its journal cannot be read back: repair it).
Exit 0: done with every sent row confirmed or not found. Exit 1: rows failed/unknown, or paused.
Exit 2: bad arguments, an unknown or damaged job, or a file that could not be written (the message
names it and says why). PROFILE_LOADER_HOME moves all state to another folder.`;

function parse(argv: readonly string[]) {
  return parseFlags(argv, {
    json: { type: 'boolean' },
    'token-stdin': { type: 'boolean' },
    'client-secret-stdin': { type: 'boolean' },
    'unknown-outcomes': { type: 'string' },
  });
}

function needId(positionals: readonly string[], sub: string): string {
  const id = positionals[1];
  if (!id) throw new CliUsageError(`jobs ${sub} needs a JOBID (see "jobs list")`);
  return id;
}

async function runJob(io: CliIo, services: UploadServices, home: string, jobId: string, json: boolean, unknown: 'auto' | 'resend' | 'give-up'): Promise<number> {
  const job = await services.jobs.load(jobId);
  if (job.view.state === 'completed' || job.view.state === 'cancelled') {
    const out = finalJson(job.view, jobPaths(home, jobId).results);
    if (json) io.stdout(`${JSON.stringify(out)}\n`);
    else printSummary(io, out);
    return exitCodeOfRun(out);
  }
  return runAndReport(io, services, jobPaths(home, jobId).results, jobId, { json, unknown, batches: job.spec.batches.length });
}

/** `jobs`: list, show, resume, cancel, retry and report upload jobs. */
export const command: CliCommand = {
  summary: 'list, show, resume, cancel or retry upload jobs',
  usage: USAGE,
  async run(argv, io) {
    if (argv[0] === 'verify') return jobsVerify(argv.slice(1), io);
    if (argv[0] === 'resend-missing') return jobsResendMissing(argv.slice(1), io);
    const { values, positionals } = parse(argv);
    const sub = positionals[0] ?? 'list';
    const json = values.json ?? false;
    const unknown = values['unknown-outcomes'] ?? 'auto';
    if (unknown !== 'auto' && unknown !== 'resend' && unknown !== 'give-up') throw new CliUsageError('--unknown-outcomes must be auto, resend or give-up');
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
          if (!json) io.stderr(`job ${spec.jobId}: retrying ${spec.batches.reduce((n, b) => n + b.rows, 0)} row(s) of job ${jobId}\n`);
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
        default:
          throw new CliUsageError(`unknown jobs sub-command "${sub}"; use list, show, resume, cancel, retry, results, repair, verify or resend-missing`);
      }
    });
  },
};
