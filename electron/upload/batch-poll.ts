import { reason } from '../../shared/contract/errors.js';
import { backoffDelay, throttleWait } from '../../shared/jobs/backoff.js';
import { decidePoll } from '../../shared/jobs/http-decision.js';
import type { Counters } from '../../shared/jobs/job-events.js';
import { isStatusHostAllowed } from '../../shared/jobs/status-host.js';
import { isFailedRowStatus } from '../../shared/target/batch-status.js';
import { secureRequestUrl } from '../../shared/target/secure-url.js';
import { withShowDetails } from '../../shared/target/urls.js';
import { bearerFor, renewedAfterRefusal } from './credential.js';
import type { RunContext } from './run-context.js';
import { sleep } from './sleep.js';

/** How following one batch ended for this run. */
export type PollEnd = 'finished' | 'paused' | 'stopped';

function sameCounters(a: Counters | null, b: Counters | null): boolean {
  return a === b || (a !== null && b !== null && a.consumedCount === b.consumedCount && a.successfulUpdates === b.successfulUpdates && a.profilesNotFound === b.profilesNotFound && a.failedUpdates === b.failedUpdates);
}

/** Ends a batch whose status Target no longer knows (`said`: its words): its rows are unknown, with the reason (alert and batch note). */
async function agedOut(ctx: RunContext, index: number, answeredBefore: boolean, said: string): Promise<PollEnd> {
  const minutes = Math.max(1, Math.round((ctx.now() - (ctx.submittedAt(index) ?? ctx.now())) / 60_000));
  const gone = answeredBefore ? reason('status-aged-out', { variant: 'answered-before', batch: index, said }) : reason('status-aged-out', { variant: 'never-answered', batch: index, said, minutes });
  await ctx.emit({ type: 'job.alert', index, level: 'warning', ...gone });
  await ctx.emit({ type: 'batch.finished', index, outcome: 'unknown', counters: ctx.view().batches.find((b) => b.index === index)?.counters ?? null, failedIds: [], reason: gone });
  return 'finished';
}

/**
 * Polls an acknowledged batch's status URL (with showDetails=true, every other byte of it verbatim, over
 * https when the connection is https) until `complete` or `stuck`, the job's poll deadline (then the
 * batch ends `unknown` with an alert), a pause, or Target no longer knowing the batch (a few re-checks,
 * then its rows are `unknown` with the reason). Waits grow from pollInitialMs ×1.5 up to pollMaxMs;
 * errors back off; every poll waits for the client's rate limiter.
 */
export async function pollBatch(ctx: RunContext, index: number): Promise<PollEnd> {
  const opts = ctx.spec.options;
  let delay = opts.pollInitialMs;
  let errors = 0;
  let notFound = 0;
  let throttled = false;
  for (;;) {
    const view = ctx.view().batches.find((b) => b.index === index);
    if (!view || view.phase === 'finished') return 'finished';
    const recorded = view.statusUrl;
    if (recorded === null) return 'finished';
    const started = ctx.submittedAt(index) ?? ctx.now();
    if (ctx.now() - started > opts.pollDeadlineMs) {
      const late = reason('poll-deadline', { batch: index, minutes: Math.round(opts.pollDeadlineMs / 60_000) });
      await ctx.emit({ type: 'job.alert', index, level: 'warning', ...late });
      await ctx.emit({ type: 'batch.finished', index, outcome: 'unknown', counters: view.counters, failedIds: [], reason: late });
      return 'finished';
    }
    let callEnded: () => void;
    try {
      await sleep(throttled ? 0 : delay, ctx.stopSignal);
      callEnded = await ctx.limiter.acquire(ctx.stopSignal);
    } catch {
      return 'stopped';
    }
    throttled = false;
    const credential = await bearerFor(ctx);
    if (!credential.ok) {
      callEnded();
      return 'paused';
    }
    // An http:// status URL of an https connection is fetched as https://; a token never goes over plain http.
    const where = secureRequestUrl(ctx.statusUrlFor(recorded), ctx.baseUrl(), credential.token !== undefined);
    if (where.kind === 'refuse') {
      callEnded();
      await ctx.requestPause('error', where.reason);
      return 'paused';
    }
    const url = where.url;
    if (!isStatusHostAllowed(url, ctx.statusHosts())) {
      callEnded();
      await ctx.requestPause('error', reason('status-host-not-allowed', { host: new URL(url).host }));
      return 'paused';
    }
    const outcome = await ctx.transport.send({ method: 'GET', url: withShowDetails(url), bearer: credential.token, trust: ctx.trust, timeoutMs: ctx.settings.pollTimeoutMs, signal: ctx.stopSignal });
    callEnded();
    if (ctx.stopSignal.aborted && outcome.kind === 'network') return 'stopped';
    const d = decidePoll(outcome);
    switch (d.kind) {
      case 'progress':
        errors = 0;
        notFound = 0;
        if (d.status !== view.status || !sameCounters(d.counters, view.counters)) {
          await ctx.emit({ type: 'batch.status', index, status: d.status, batchSize: d.batchSize, counters: d.counters });
        }
        delay = Math.min(opts.pollMaxMs, Math.max(opts.pollInitialMs, Math.round(delay * 1.5)));
        continue;
      case 'final': {
        await ctx.emit({ type: 'batch.status', index, status: d.status, batchSize: d.batchSize, counters: d.counters });
        if (d.status === 'stuck') {
          await ctx.emit({ type: 'job.alert', index, level: 'error', ...reason('batch-stuck', { batch: index }) });
        }
        const failedIds = d.profiles.filter((p) => isFailedRowStatus(p.status)).map((p) => p.id);
        await ctx.emit({ type: 'batch.finished', index, outcome: d.status, counters: d.counters, failedIds, reason: null });
        return 'finished';
      }
      case 'retry':
        if (d.throttle) {
          ctx.limiter.holdFor(throttleWait(d.retryAfter, ctx.now(), ctx.settings.throttleFallbackMs));
          throttled = true;
        } else {
          errors++;
          delay = Math.min(opts.pollMaxMs, backoffDelay(errors, ctx.settings.backoff, ctx.random));
        }
        continue;
      case 'not-found': {
        notFound++;
        const answeredBefore = view.status !== null;
        const gone = answeredBefore ? notFound > opts.statusNotFoundRechecks : ctx.now() - started > opts.statusNotFoundGraceMs;
        if (gone) return agedOut(ctx, index, answeredBefore, d.said);
        errors++;
        delay = Math.min(opts.pollMaxMs, backoffDelay(errors, ctx.settings.backoff, ctx.random));
        continue;
      }
      case 'auth':
        if (await renewedAfterRefusal(ctx, credential.token)) {
          throttled = true;
          continue;
        }
        await ctx.requestPause('auth', d.error);
        return 'paused';
    }
  }
}
