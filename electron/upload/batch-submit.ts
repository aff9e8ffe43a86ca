import { stat } from 'node:fs/promises';
import { reason } from '../../shared/contract/errors.js';
import { backoffDelay, throttleWait } from '../../shared/jobs/backoff.js';
import { checkDailyBudget, DAY_MS } from '../../shared/jobs/daily-budget.js';
import { decideSubmit } from '../../shared/jobs/http-decision.js';
import type { JobBatch } from '../../shared/jobs/job-spec.js';
import { secureRequestUrl } from '../../shared/target/secure-url.js';
import { batchUpdateUrl } from '../../shared/target/urls.js';
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

async function budgetAllows(ctx: RunContext, batch: JobBatch): Promise<boolean> {
  const budget = ctx.spec.connection.dailyRowBudget;
  if (budget === null) return true;
  const now = ctx.now();
  const entries = await ctx.usage.since(ctx.spec.connection.clientCode, now - DAY_MS);
  const check = checkDailyBudget(budget, entries, ctx.reservedRows, batch.rows, now);
  if (check.ok) return true;
  await ctx.requestPause(
    'daily-budget',
    reason('daily-budget-exceeded', {
      batch: batch.index,
      rows: batch.rows,
      budget,
      clientCode: ctx.spec.connection.clientCode,
      used: check.used,
      ...(check.fitsAt === null ? {} : { fitsAt: new Date(check.fitsAt).toISOString() }),
    }),
  );
  return false;
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
    if (!(await budgetAllows(ctx, batch))) return 'paused';
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
    await ctx.emit({ type: 'batch.submitting', index: batch.index, attempt });
    ctx.reservedRows += batch.rows;
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
    ctx.reservedRows -= batch.rows;
    const d = decideSubmit(outcome);
    switch (d.kind) {
      case 'accepted':
        await ctx.emit({ type: 'batch.submitted', index: batch.index, batchId: d.batchId, statusUrl: d.statusUrl });
        await ctx.usage.record(ctx.spec.connection.clientCode, { at: ctx.now(), rows: batch.rows, jobId: ctx.spec.jobId });
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
