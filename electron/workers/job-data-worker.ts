/**
 * Worker thread for the work on a finished job that grows with its rows: the result CSV, the
 * verification's plan and the rows it reads back, its problem list, and the prepared folders of
 * follow-up jobs. The main thread only coordinates (HTTP, journal, events) and stays responsive.
 * Speaks the request/reply envelope of worker-protocol.ts; one request at a time per worker.
 */
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import type { ResultWords } from '../../shared/contract/result-words.js';
import type { VerifyProblemRow } from '../../shared/contract/verify.js';
import type { JobEvent } from '../../shared/jobs/job-events.js';
import type { JobView } from '../../shared/jobs/job-reducer.js';
import type { JobSpec } from '../../shared/jobs/job-spec.js';
import type { VerifyRun, VerifyStarted } from '../../shared/verify/verify-records.js';
import { serveWorker } from './worker-protocol.js';
import { lowerThreadPriority } from './thread-priority.js';
import { writeResultCsv } from '../services/results/result-csv.js';
import { buildPlan, loadBatchRows, planOfRun, type PlanBatch, type PlanChoice, type RowToCheck, type VerifyPlan } from '../services/verify/verify-plan.js';
import { problemRows } from '../services/verify/verify-problems.js';
import { writeLinesPrepared, writeRetryPrepared } from '../services/jobs/job-retry.js';

/** A job as its journal gives it: what most methods work from. */
interface JobData {
  readonly spec: JobSpec;
  readonly view: JobView;
  readonly events: readonly JobEvent[];
}

type Prepared = Promise<{ batches: number; lines: number }>;

/** The job-data worker's methods: each the function of the same work in services/, run here. */
export interface JobDataWorkerApi {
  [method: string]: (args: never) => Promise<unknown>;
  /** writeResultCsv (results/result-csv.ts). */
  resultCsv(args: JobData & { path: string; verifyJournal: string | null; words?: ResultWords | undefined }): Promise<number>;
  /** buildPlan (verify/verify-plan.ts). */
  verifyPlan(args: JobData & { choice: PlanChoice }): Promise<VerifyPlan>;
  /** planOfRun (verify/verify-plan.ts). */
  verifyPlanOfRun(args: JobData & { started: VerifyStarted }): Promise<VerifyPlan>;
  /** loadBatchRows (verify/verify-plan.ts), `skip` as a list. */
  verifyBatchRows(args: { batch: PlanBatch; skip: readonly number[]; waitMs: number }): Promise<RowToCheck[]>;
  /** problemRows (verify/verify-problems.ts). */
  verifyProblems(args: { preparedDir: string; run: VerifyRun; offset: number; limit: number }): Promise<{ total: number; rows: VerifyProblemRow[] }>;
  /** writeRetryPrepared (jobs/job-retry.ts). */
  retryPrepared(args: JobData & { outDir: string }): Prepared;
  /** writeLinesPrepared (jobs/job-retry.ts) of the job's global batch lines `lines`. */
  linesPrepared(args: { spec: JobSpec; lines: readonly number[]; outDir: string; empty: 'none-failed' | 'none-missing' }): Prepared;
  /** A UTF-8 text file's contents (a result CSV of tens of megabytes is decoded here, not on the main thread). */
  readText(args: { path: string }): Promise<string>;
  /** `JSON.stringify(value)` as UTF-8 bytes (a reply carrying tens of megabytes of text is encoded here). */
  encodeJson(args: { value: unknown }): Promise<Uint8Array>;
}

if (parentPort) {
  // Background work: when the CPU is short, the main thread (the window's calls) goes first.
  lowerThreadPriority();
  serveWorker<JobDataWorkerApi, never>(parentPort, {
    resultCsv: (r) => writeResultCsv(r.spec, r.view, r.events, r.path, r.verifyJournal, r.words),
    verifyPlan: (r) => buildPlan(r.spec, r.view, r.events, r.choice),
    verifyPlanOfRun: (r) => planOfRun(r.spec, r.view, r.events, r.started),
    verifyBatchRows: (r) => loadBatchRows(r.batch, new Set(r.skip), r.waitMs),
    verifyProblems: (r) => problemRows(r.preparedDir, r.run, r.offset, r.limit),
    retryPrepared: (r) => writeRetryPrepared(r.spec, r.view, r.events, r.outDir),
    readText: ({ path }) => readFile(path, 'utf8'),
    encodeJson: async ({ value }) => Buffer.from(JSON.stringify(value)),
    linesPrepared: (r) => {
      const wanted = new Set(r.lines);
      const firstLine = new Map<number, number>();
      let line = 0;
      for (const b of r.spec.batches) {
        firstLine.set(b.index, line);
        line += b.rows;
      }
      return writeLinesPrepared(r.spec, (batch, i) => wanted.has((firstLine.get(batch) ?? 0) + i), r.outDir, r.empty);
    },
  });
}
