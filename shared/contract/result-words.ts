import { z } from 'zod';

const words = z.string().max(2000);

/**
 * The words of the result CSV's plain columns, one table per language: the renderer's
 * (`renderer/i18n/<language>/results.ts`, `results.csv`) and the CLI's English
 * (`electron/messages/outcome-words.ts`) are both typed against it, so a missing word does not build.
 * Templates use `{{name}}` (and `{{name, number}}` for a number in the language's format).
 */
export const resultCsvWordsSchema = z
  .object({
    /** Headers of the two plain columns. */
    outcomeHeader: words,
    reasonHeader: words,
    /** The screen's terms for each row outcome code. */
    outcome: z
      .object({
        confirmed: words,
        'not-found': words,
        'confirmed-or-not-found': words,
        failed: words,
        rejected: words,
        excluded: words,
        unknown: words,
        'not-sent': words,
        pending: words,
      })
      .strict(),
    /** Why a row ended as it did (the row notes of shared/jobs/row-outcome.ts and what a read-back found). */
    reason: z
      .object({
        'batch-note': words, // {{message}}: Target's or the connection's problem, in the CLI's English
        'batch-refused': words,
        cancelled: words,
        stuck: words,
        'no-news': words,
        'no-counters': words,
        'listed-failed': words,
        'v1-not-found': words,
        'v2-uncounted': words, // {{updated}} {{failed}} {{rows}}
        'v1-mixed': words, // {{updated}} {{notFound}} {{failed}} {{rows}}
        'ledger-orphan': words,
        blocked: words, // {{reasons}}
        'blocked-see-report': words,
        'duplicate-merged': words,
        'duplicate-dropped': words,
        'excluded-by-you': words,
        'excluded-blocked': words, // {{reasons}}: what checks found in a row the user left out
        'verify-missing': words,
        'verify-not-yet-visible': words,
        'verify-differs': words, // {{details}}
        'verify-differs-item': words, // {{name}} {{sent}} {{found}}
        'verify-differs-none': words, // {{name}} {{sent}}
        'no-source-rows': words,
      })
      .strict(),
    /** Joins several reasons of one row. */
    separator: words,
  })
  .strict();
export type ResultCsvWords = z.infer<typeof resultCsvWordsSchema>;

/**
 * What the renderer passes so the result CSV speaks its language: the table above, the locale for
 * numbers, and its issue words (`issues.codes`, a template or one per variant; `issues.at.column`).
 */
export const resultWordsSchema = z
  .object({
    locale: z.string().min(2).max(35),
    csv: resultCsvWordsSchema,
    issueCodes: z.record(z.string().max(100), z.union([words, z.record(z.string().max(100), words)])),
    issueAtColumn: words,
  })
  .strict();
export type ResultWords = z.infer<typeof resultWordsSchema>;
