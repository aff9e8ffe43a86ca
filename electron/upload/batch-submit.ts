import { stat } from 'node:fs/promises';
import { reason } from '../../shared/contract/errors.js';
import { backoffDelay, throttleWait } from '../../shared/jobs/backoff.js';
import { checkDailyBudget, type BudgetCheck, type UsageEntry } from '../../shared/jobs/daily-budget.js';
import { decideSubmit } from '../../shared/jobs/http-decision.js';
import type { JobBatch } from '../../shared/jobs/job-spec.js';
import { secureRequestUrl } from '../../shared/target/secure-url.js';
import { batchUpdateUrl } from '../../shared/target/urls.js';
import { WriteFailedError } from '../store/write-failure.js';
import { bearerFor, renewedAfterRefusal } from './credential.js';
import type { RunContext } from './run-context.js';
import { sleep } from './sleep.js';
import { resolveUnknown } from './unknown-facts.js';
import type { UnknownChoice } from './unknown-facts.js';

/** How one batch's submission ended for this run. */
export type SubmitEnd = 'accepted' | 'failed' | 'paused' | 'stopped' | 'parked';

function submitUrl(ctx: RunContext): string {
  const c = ctx.spec.connection;
  return batchUpdateUrl(ctx.baseUrl(), c.clientCode, c.apiVersion === 'v2' ? 2 : 1);
}

/** The ledger entry of one attempt at POSTing a batch. */
type Attempt = UsageEntry & { readonly batch: number; readonly attempt: number };

/**
 * Records the attempt in the usage ledger before its POST when the daily budget allows it. Otherwise
 * pauses the job (budget passed, or the ledger cannot be written) and resolves null: nothing is sent.
 */
async function reserveUsage(ctx: RunContext, batch: JobBatch, attempt: number): Promise<Attempt | null> {
  const budget = ctx.spec.connection.dailyRowBudget;
  const entry: Attempt = { at: ctx.now(), rows: batch.rows, jobId: ctx.spec.jobId, batch: batch.index, attempt };
  const last: { check: BudgetCheck } = { check: { ok: true } };
  try {
    const allowed = await ctx.usage.reserve(
      ctx.spec.connection.clientCode,
      entry,
      budget === null
        ? undefined
        : (entries) => {
            last.check = checkDailyBudget(budget, entries, 0, batch.rows, entry.at);
            return last.check.ok;
          },
    );
    if (allowed) return entry;
  } catch (error) {
    if (!(error instanceof WriteFailedError)) throw error;
    await ctx.requestPause('error', { code: error.code, params: error.params });
    return null;
  }
  const refused = last.check;
  if (refused.ok) return null;
  await ctx.requestPause(
    'daily-budget',
    reason('daily-budget-exceeded', {
      batch: batch.index,
      rows: batch.rows,
      budget: budget ?? 0,
      clientCode: ctx.spec.connection.clientCode,
      used: refused.used,
      ...(refused.fitsAt === null ? {} : { fitsAt: new Date(refused.fitsAt).toISOString() }),
    }),
  );
  return null;
}

/**
 * Sends one batch until Target acknowledges it, refuses it, the job pauses, or the outcome is unknown.
 * `batch.submitting` is fsynced before every POST and `batch.submitted` right after the answer, so a
 * crash in between is detectable. POSTs are never aborted midway, not even by pause or cancel; any
 * pause stops new POSTs (waits end at once).
 */
export async function submitBatch(ctx: RunContext, batch: JobBatch, unknownChoice: UnknownChoice): Promise<SubmitEnd> {
  const { settings } = ctx;
  let throttles = 0;
  let failures = 0;
  for (;;) {
    if (ctx.sendSignal.aborted) return 'stopped';
    const size = await stat(batch.path).then(
      (s) => s.size,
      () => -1,
    );
    if (size !== batch.bytes) {
      await ctx.requestPause('error', reason(size < 0 ? 'batch-file-missing' : 'batch-file-changed', { batch: batch.index, path: batch.path }));
      return 'paused';
    }
    let callEnded: () => void;
    try {
      callEnded = await ctx.limiter.acquire(ctx.sendSignal);
    } catch {
      return 'stopped';
    }
    // The token is read (and an Adobe-sign-in token renewed when it expires soon) right before the call.
    const credential = await bearerFor(ctx);
    const where = credential.ok ? secureRequestUrl(submitUrl(ctx), ctx.baseUrl(), credential.token !== undefined) : undefined;
    if (!credential.ok || where === undefined || where.kind === 'refuse') {
      callEnded();
      if (where?.kind === 'refuse') await ctx.requestPause('error', where.reason);
      return 'paused';
    }
    const attempt = (ctx.view().batches.find((b) => b.index === batch.index)?.attempts ?? 0) + 1;
    const usage = await reserveUsage(ctx, batch, attempt);
    if (usage === null) {
      callEnded();
      return 'paused';
    }
    await ctx.emit({ type: 'batch.submitting', index: batch.index, attempt });
    if (ctx.sendSignal.aborted) {
      // The journal could not record the attempt (a full disk): a POST it does not know of must not
      // start. Recorded as not sent, so a resume sends it as usual rather than as an unknown outcome.
      callEnded();
      await ctx.usage.release(ctx.spec.connection.clientCode, usage);
      await ctx.emit({ type: 'batch.submit-failed', index: batch.index, attempt, error: reason('not-sent'), retryInMs: 0 });
      return 'stopped';
    }
    let lastReport = 0;
    const outcome = await ctx.transport.send({
      method: 'POST',
      url: where.url,
      bearer: credential.token,
      trust: ctx.trust,
      bodyFile: { path: batch.path, bytes: batch.bytes },
      timeoutMs: settings.postTimeoutMs,
      onProgress: (bytesSent) => {
        if (bytesSent - lastReport < 4 << 20 && bytesSent < batch.bytes) return;
        lastReport = bytesSent;
        void ctx.emit({ type: 'batch.uploading', index: batch.index, bytesSent, bytesTotal: batch.bytes });
      },
    });
    callEnded();
    const d = decideSubmit(outcome);
    // Target took nothing: the rows do not count against the daily budget.
    if (d.kind === 'retry' || d.kind === 'fail' || d.kind === 'auth') await ctx.usage.release(ctx.spec.connection.clientCode, usage);
    switch (d.kind) {
      case 'accepted':
        await ctx.emit({ type: 'batch.submitted', index: batch.index, batchId: d.batchId, statusUrl: d.statusUrl });
        return 'accepted';
      case 'retry': {
        let wait: number;
        let final = false;
        if (d.throttle) {
          throttles++;
          wait = throttleWait(d.retryAfter, ctx.now(), settings.throttleFallbackMs);
          ctx.limiter.holdFor(wait);
          final = throttles > settings.maxThrottleRetries;
        } else {
          failures++;
          wait = backoffDelay(failures, settings.backoff, ctx.random);
          final = failures >= ctx.spec.options.maxSubmitAttempts;
        }
        await ctx.emit({ type: 'batch.submit-failed', index: batch.index, attempt, error: d.error, retryInMs: final ? null : wait });
        if (final) {
          await ctx.emit({ type: 'batch.finished', index: batch.index, outcome: 'rejected', counters: null, failedIds: [], reason: { ...d.error, because: reason('gave-up', { attempts: attempt }) } });
          return 'failed';
        }
        if (!d.throttle) {
          try {
            await sleep(wait, ctx.sendSignal);
          } catch {
            return 'stopped';
          }
        }
        continue;
      }
      case 'fail':
        await ctx.emit({ type: 'batch.submit-failed', index: batch.index, attempt, error: d.error, retryInMs: null });
        await ctx.emit({ type: 'batch.finished', index: batch.index, outcome: 'rejected', counters: null, failedIds: [], reason: d.error });
        return 'failed';
      case 'auth':
        await ctx.emit({ type: 'batch.submit-failed', index: batch.index, attempt, error: d.error, retryInMs: 0 });
        // Adobe sign-in mints a new token once and sends again (no batch was created); a second refusal pauses.
        if (await renewedAfterRefusal(ctx, credential.token)) continue;
        await ctx.requestPause('auth', d.error);
        return 'paused';
      case 'unknown': {
        await ctx.emit({ type: 'batch.outcome-unknown', index: batch.index, attempt, reason: d.error });
        failures++;
        const r = await resolveUnknown(ctx, batch.index, unknownChoice);
        if (r.kind === 'resend' && failures < ctx.spec.options.maxSubmitAttempts) {
          await ctx.emit({ type: 'job.alert', index: batch.index, level: 'info', ...reason('resent-after-unknown', { batch: batch.index }), because: r.reason });
          try {
            await sleep(backoffDelay(failures, settings.backoff, ctx.random), ctx.sendSignal);
          } catch {
            return 'stopped';
          }
          continue;
        }
        if (r.kind === 'ask') {
          await ctx.emit({ type: 'job.alert', index: batch.index, level: 'warning', ...reason('outcome-unknown', { variant: 'ask', batch: batch.index }), because: r.reason });
          return 'parked';
        }
        await ctx.emit({ type: 'batch.finished', index: batch.index, outcome: 'unknown', counters: null, failedIds: [], reason: { ...d.error, because: r.reason } });
        return 'failed';
      }
    }
  }
}
