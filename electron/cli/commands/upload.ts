import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CliIo } from '../cli-types.js';
import { CliUsageError } from '../cli-types.js';
import { defineCommand } from '../define-command.js';
import type { CliOptions, ParsedFlags } from '../parse-flags.js';
import { jobPaths, newJobId } from '../../services/jobs/job-paths.js';
import { ensurePrivateDir } from '../../store/atomic-file.js';
import { readTokenFromStdin, runAndReport, unknownOutcomesOf, withServices } from '../cli-services.js';
import type { UploadServices } from '../../services/upload-services.js';
import type { UnknownChoice } from '../../upload/unknown-facts.js';
import { prepareFromArgs } from '../prepare-from-args.js';
import { printPersonalData } from './personal-data-text.js';
import { expiryWarning } from './connections.js';
import { VALIDATE_OPTIONS, validateArgsOf, type ValidateArgs } from './validate-args.js';

const USAGE = `Usage: profile-loader upload FILE [validate flags] --profile NAME [options]

Prepares FILE exactly as "validate" does, then sends its batches to the saved connection NAME as a
durable job: each batch is POSTed once, followed to its final status, and every row gets an outcome in
the job's results.csv. A file with blocking problems is not sent at all (exit 1, nothing sent) unless
--send-valid-rows says to send the other rows; the blocked rows are then listed as rejected, with reasons.
Exit 0: every sent row confirmed (or not found under v1). Exit 1: some rows failed, are unknown or were
rejected, or the job paused (resume with "jobs resume JOBID"). Exit 2: unusable input or arguments.

  --profile NAME            the saved connection (see "connections list"); "Local sandbox" is built in
  --batch-rows N            at most N rows per batch (default and maximum 500000)
  --dry-run                 prepare and print the batches, send nothing, create no job
  --send-valid-rows         send the rows that passed even though some rows are blocked (those are
                            reported as rejected with their reasons in results.csv)
  --json                    print one JSON object at the end instead of text
  --concurrency N           batches in flight at once (1–16; default from settings, 2)
  --token-stdin             read the Profile API token from standard input for this run (not saved)
  --client-secret-stdin     Adobe sign-in: read the client secret from standard input for this run
                            (not saved; for a machine without an OS keychain)
  --unknown-outcomes M      auto (default), resend or give-up: see docs/upload-and-jobs.md
  (validate flags)          --id-column --id-type --map --template --encoding --delimiter --sheet
                            --header-row --duplicates --comma --line-break --long-values --max-issues --out DIR
                            --allow-personal-data COL (repeatable: send a column that holds personal
                            data; such columns are left out otherwise, and a resident registration
                            number column is never sent)

PROFILE_LOADER_HOME moves all state (connections, jobs, journals) to another folder.`;

/** What upload's own flags ask for. */
interface UploadFlags {
  /** `--profile NAME`: the saved connection to send to. */
  connection: string | null;
  dryRun: boolean;
  concurrency: number | undefined;
  tokenStdin: boolean;
  secretStdin: boolean;
  sendValidRows: boolean;
  unknown: UnknownChoice;
}

/** The flags `upload` adds to the validate flags. */
const UPLOAD_OPTIONS = {
  profile: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'token-stdin': { type: 'boolean' },
  'client-secret-stdin': { type: 'boolean' },
  'send-valid-rows': { type: 'boolean' },
  concurrency: { type: 'string' },
  'unknown-outcomes': { type: 'string' },
} as const satisfies CliOptions;

/** Reads upload's own flags; throws CliUsageError for a value out of range. */
function uploadFlagsOf(values: ParsedFlags<typeof UPLOAD_OPTIONS>['values']): UploadFlags {
  const concurrencyText = values.concurrency;
  const concurrency = concurrencyText === undefined ? undefined : Number(concurrencyText);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16)) throw new CliUsageError('--concurrency must be a whole number from 1 to 16');
  return {
    connection: values.profile ?? null,
    dryRun: values['dry-run'] ?? false,
    concurrency,
    tokenStdin: values['token-stdin'] ?? false,
    secretStdin: values['client-secret-stdin'] ?? false,
    sendValidRows: values['send-valid-rows'] ?? false,
    unknown: unknownOutcomesOf(values['unknown-outcomes']),
  };
}

function cwdOf(io: CliIo): string {
  return io.env.npm_lifecycle_event !== undefined && io.env.INIT_CWD ? io.env.INIT_CWD : process.cwd();
}

/** `upload`: validate + batch a file, then send it as a durable job and follow every batch to its end. */
export const command = defineCommand({
  name: 'upload',
  summary: 'validate a spreadsheet and upload it to Target as a durable, resumable job',
  usage: USAGE,
  options: { ...VALIDATE_OPTIONS, ...UPLOAD_OPTIONS },
  async run({ values, positionals }, io) {
    const flags = uploadFlagsOf(values);
    const args = validateArgsOf(values, positionals);
    if (!flags.dryRun && flags.connection === null) throw new CliUsageError('--profile NAME is required (see "connections list"), or use --dry-run');
    if (flags.tokenStdin && flags.secretStdin) throw new CliUsageError('--token-stdin and --client-secret-stdin both read standard input: use one');
    const token = flags.tokenStdin ? await readTokenFromStdin(io) : undefined;
    const secret = flags.secretStdin ? await readTokenFromStdin(io, '--client-secret-stdin') : undefined;
    const cwd = cwdOf(io);
    return withServices(io, async (services, home) => {
      const jobId = newJobId();
      const run = { services, home, jobId, sending: false };
      try {
        return await prepareAndSend(io, run, args, flags, cwd, { token, secret });
      } finally {
        // An upload that stops before sending leaves nothing behind (the prepared rows may hold personal data).
        if (!run.sending && args.out === null) await rm(jobPaths(home, jobId).dir, { recursive: true, force: true }).catch(() => undefined);
      }
    });
  },
});

/** Prepares the file and, unless it is a dry run or blocked, creates the job and sends it (`run.sending` turns true once the job exists). */
async function prepareAndSend(
  io: CliIo,
  run: { readonly services: UploadServices; readonly home: string; readonly jobId: string; sending: boolean },
  args: ValidateArgs,
  flags: UploadFlags,
  cwd: string,
  session: { readonly token: string | undefined; readonly secret: string | undefined },
): Promise<number> {
  const { token, secret } = session;
  const { services, home, jobId } = run;
  const connection = flags.connection === null ? null : await services.connections.find(flags.connection);
  const outDir = args.out !== null ? resolve(cwd, args.out) : jobPaths(home, jobId).prepared;
  await ensurePrivateDir(outDir);
  const prepared = await prepareFromArgs(args, cwd, outDir);
  const m = prepared.manifest;
  if (flags.dryRun) {
    const dry = {
      dryRun: true,
      file: m.file,
      rows: m.rows,
      valid: m.valid,
      rejected: m.rejected,
      excluded: m.excluded,
      blocked: m.blockedByFileIssues,
      preparedDir: args.out !== null ? outDir : null,
      batches: m.batches.map((b) => ({ index: b.index, rows: b.rows, bytes: b.bytes })),
      personalData: prepared.personalData,
    };
    if (args.json) io.stdout(`${JSON.stringify(dry)}\n`);
    else {
      io.stdout(`${m.file}: rows ${m.rows}, valid ${m.valid}, rejected ${m.rejected}, excluded ${m.excluded}\n`);
      printPersonalData(io, prepared.personalData);
      for (const b of dry.batches) io.stdout(`batch ${b.index}: ${b.rows} rows, ${b.bytes} bytes\n`);
      io.stdout(`dry run: nothing sent${connection ? ` (would send to ${connection.name}, client ${connection.clientCode}, ${connection.apiVersion})` : ''}\n`);
    }
    return m.blockedByFileIssues || m.rejected > 0 ? 1 : 0;
  }
  if (m.blockedByFileIssues) throw new CliUsageError('the file has blocking mapping problems; run "validate" to see them', 1);
  if (m.rejected > 0 && !flags.sendValidRows) {
    throw new CliUsageError(
      `${m.rejected.toLocaleString('en-US')} of ${m.rows.toLocaleString('en-US')} rows have blocking problems, so nothing was sent. Run "validate" to see them and fix the file, or add --send-valid-rows to send the other ${m.valid.toLocaleString('en-US')} rows and list these as rejected.`,
      1,
    );
  }
  if (m.batches.length === 0) throw new CliUsageError('no row passed validation: nothing to upload; run "validate" to see why', 1);
  if (!connection) throw new CliUsageError('--profile NAME is required');
  if (token !== undefined) services.connections.setSessionToken(connection.id, token);
  if (secret !== undefined) services.connections.setSessionClientSecret(connection.id, secret);
  const expiring = token === undefined ? expiryWarning(connection) : undefined;
  if (expiring) io.stderr(expiring);
  const spec = await services.jobs.create({ preparedDir: outDir, profileId: connection.id, jobId, options: flags.concurrency ? { concurrency: flags.concurrency } : {} });
  run.sending = true;
  if (!args.json) {
    printPersonalData(io, prepared.personalData);
    io.stderr(`job ${spec.jobId}: ${m.valid} rows in ${spec.batches.length} batch(es) to ${connection.name} (${connection.clientCode}, ${connection.apiVersion})\n`);
  }
  return runAndReport(io, services, jobPaths(home, spec.jobId).results, spec.jobId, { json: args.json, unknown: flags.unknown, batches: spec.batches.length });
}
