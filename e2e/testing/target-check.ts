import type { Page } from '@playwright/test';
import type { Reply } from '../../shared/contract/reply.js';
import type { JobView } from '../../shared/jobs/job-reducer.js';

/** The counters Target (here: a sandbox) reports for a batch through its own batchStatus endpoint. */
export interface TargetCounters {
  readonly status: string;
  readonly consumedCount: number;
  readonly successfulUpdates: number;
  readonly profilesNotFound: number;
  readonly failedUpdates: number;
}

/**
 * Calls one contract call of the browser-mode host the page is open on, at the page's own path (the
 * access cookie is scoped to it and rides along).
 */
export async function hostCall<T>(page: Page, origin: string, name: string, args: unknown): Promise<T> {
  const appPath = new URL(page.url()).pathname;
  const response = await page.request.post(`${origin}${appPath}api/call/${name}`, { data: args });
  const reply = (await response.json()) as Reply<T>;
  if (!reply.ok) throw new Error(`${name}: ${reply.error.code} ${reply.error.message}`);
  return reply.value;
}

/** Reads a batch's status with `showDetails=true` straight from the sandbox, over HTTP, as Target's E3. */
export async function batchStatus(statusUrl: string): Promise<TargetCounters> {
  const url = new URL(statusUrl);
  url.searchParams.set('showDetails', 'true');
  const xml = await (await fetch(url)).text();
  const tag = (name: string): string => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1] ?? '';
  const num = (name: string) => Number(tag(name));
  return {
    status: tag('status'),
    consumedCount: num('consumedCount'),
    successfulUpdates: num('successfulUpdates'),
    profilesNotFound: num('profilesNotFound'),
    failedUpdates: num('failedUpdates'),
  };
}

/** Sums what the sandbox says about every acknowledged batch of a job (read through the job's recorded status URLs). */
export async function sandboxTotals(view: JobView): Promise<{ readonly batches: number; readonly confirmed: number; readonly notFound: number; readonly failed: number }> {
  let confirmed = 0;
  let notFound = 0;
  let failed = 0;
  let batches = 0;
  for (const b of view.batches) {
    if (!b.statusUrl) continue;
    const c = await batchStatus(b.statusUrl);
    if (c.status !== 'complete') throw new Error(`Batch ${b.index} is ${c.status} at the sandbox`);
    batches++;
    confirmed += c.successfulUpdates;
    notFound += c.profilesNotFound;
    failed += c.failedUpdates;
  }
  return { batches, confirmed, notFound, failed };
}

/** Fetches one profile by thirdPartyId from the sandbox (Target's E7); null when it has none. */
export async function fetchProfile(baseUrl: string, client: string, thirdPartyId: string): Promise<Record<string, string> | null> {
  const response = await fetch(`${baseUrl}/rest/v1/profiles/thirdPartyId/${encodeURIComponent(thirdPartyId)}?client=${encodeURIComponent(client)}`);
  const body = (await response.json()) as { status?: number; profileAttributes?: Record<string, { value: string }> };
  if (!body.profileAttributes) return null;
  return Object.fromEntries(Object.entries(body.profileAttributes).map(([k, v]) => [k, v.value]));
}
