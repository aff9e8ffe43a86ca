import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppCallError } from '../../shared/contract/errors.js';
import { defaultJobOptions, type JobOptions } from '../../shared/jobs/job-spec.js';
import { defaultEngineSettings, type EngineSettings } from '../upload/engine-settings.js';

const settingsSchema = z
  .object({
    engine: z
      .object({
        rateLimit: z
          .object({ callsPerWindow: z.number().int().min(1), windowMs: z.number().int().min(1), safetyMs: z.number().int().min(0) })
          .partial()
          .optional(),
        backoff: z.object({ baseMs: z.number().min(0), maxMs: z.number().min(0), jitter: z.number().min(0).max(1) }).partial().optional(),
        throttleFallbackMs: z.number().int().min(0).optional(),
        maxThrottleRetries: z.number().int().min(0).optional(),
        postTimeoutMs: z.number().int().min(1).optional(),
        pollTimeoutMs: z.number().int().min(1).optional(),
      })
      .strict()
      .optional(),
    jobDefaults: z
      .object({
        concurrency: z.number().int().min(1).max(16),
        pollInitialMs: z.number().int().min(0),
        pollMaxMs: z.number().int().min(0),
        pollDeadlineMs: z.number().int().min(0),
        maxSubmitAttempts: z.number().int().min(1),
        statusNotFoundRechecks: z.number().int().min(0),
        statusNotFoundGraceMs: z.number().int().min(0),
      })
      .partial()
      .strict()
      .optional(),
    browserMode: z
      .object({ maxUploadBytes: z.number().int().min(1) })
      .partial()
      .strict()
      .optional(),
    verify: z
      .object({
        rowLimit: z.number().int().min(0),
        samplePerBatch: z.number().int().min(1),
        requestsPerSecond: z.number().min(0),
        concurrency: z.number().int().min(1).max(32),
        waitMinutes: z.number().min(0),
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict();

/** The largest file browser mode accepts by default (a setting: `browserMode.maxUploadBytes`). */
export const DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

/**
 * How verification reads profiles back (settings.json `verify`): every confirmed row up to `rowLimit`,
 * else `samplePerBatch` per batch; at most `requestsPerSecond` fetches a second (0 = no limit) with
 * `concurrency` in flight; a row may stay invisible `waitMinutes` after its batch completed before it is missing.
 */
export interface VerifySettings {
  readonly rowLimit: number;
  readonly samplePerBatch: number;
  readonly requestsPerSecond: number;
  readonly concurrency: number;
  readonly waitMinutes: number;
}

/** The documented defaults: 2,000 rows, 500 per batch beyond, 5 fetches a second, 4 at once, 10 minutes. */
export function defaultVerifySettings(): VerifySettings {
  return { rowLimit: 2000, samplePerBatch: 500, requestsPerSecond: 5, concurrency: 4, waitMinutes: 10 };
}

/** The app's engine settings (`settings.json` in the state folder), merged over the defaults. */
export interface AppSettings {
  readonly engine: EngineSettings;
  readonly jobDefaults: JobOptions;
  readonly browserMode: { readonly maxUploadBytes: number };
  readonly verify: VerifySettings;
}

/**
 * Reads `<home>/settings.json` (optional; every field optional) and merges it over the defaults.
 * Throws AppCallError `settings-invalid` naming the first bad field when the file is not valid.
 */
export async function loadAppSettings(homeDir: string): Promise<AppSettings> {
  const path = join(homeDir, 'settings.json');
  let raw: unknown = {};
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new AppCallError('settings-invalid', { variant: 'not-json', path });
  }
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppCallError('settings-invalid', { variant: 'bad-value', path, field: issue?.path.join('.') ?? '?', detail: issue?.message ?? 'invalid' });
  }
  const d = defaultEngineSettings();
  const e = parsed.data.engine ?? {};
  return {
    engine: {
      backoff: { ...d.backoff, ...e.backoff },
      throttleFallbackMs: e.throttleFallbackMs ?? d.throttleFallbackMs,
      maxThrottleRetries: e.maxThrottleRetries ?? d.maxThrottleRetries,
      postTimeoutMs: e.postTimeoutMs ?? d.postTimeoutMs,
      pollTimeoutMs: e.pollTimeoutMs ?? d.pollTimeoutMs,
      rateLimit: { ...d.rateLimit, ...e.rateLimit },
    },
    jobDefaults: { ...defaultJobOptions(), ...parsed.data.jobDefaults },
    browserMode: { maxUploadBytes: parsed.data.browserMode?.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES },
    verify: { ...defaultVerifySettings(), ...parsed.data.verify },
  };
}
