import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file.js';
import productionLabels from './production-labels.json' with { type: 'json' };

/** What the last "Test connection" said, kept so the token light shows it (and cleared when the token changes). */
export const lastTestSchema = z.object({
  at: z.string(),
  ok: z.boolean(),
  /** `accepted`/`refused`: the token check's verdict; `not-reached`: the test failed before the token mattered. */
  token: z.enum(['accepted', 'refused', 'not-reached']),
});
export type LastTest = z.infer<typeof lastTestSchema>;

/** How a connection gets its token (the client secret is never here: it lives in the SecretStore). */
export const storedAuthSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('token') }),
  z.object({
    kind: z.literal('adobe-oauth'),
    clientId: z.string().min(1),
    orgId: z.string().min(1),
    tenantId: z.string().min(1),
    scopes: z.string().min(1),
    imsUrl: z.string().min(1),
    adminApiUrl: z.string().min(1),
  }),
]);
export type StoredAuth = z.infer<typeof storedAuthSchema>;

/** A saved connection (the token is never part of it: it lives in the SecretStore under the connection id). */
export const storedConnectionSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  environment: z.string(),
  color: z.string(),
  clientCode: z.string().min(1),
  apiVersion: z.enum(['v1', 'v2']),
  baseUrl: z.string().min(1),
  statusHosts: z.array(z.string()),
  dailyRowBudget: z.number().int().positive().nullable(),
  /** True for a connection that reaches real visitors: sending or resuming asks for its client code. */
  production: z.boolean(),
  /** `user`: the user said so; `environment-name`: set once from the environment label when upgrading (to be reviewed). */
  productionSetBy: z.enum(['user', 'environment-name']),
  lastTest: lastTestSchema.nullable(),
  /** Added with Adobe sign-in; files written before it read as a pasted token with no known expiry and no CA file. */
  auth: storedAuthSchema.default({ kind: 'token' }),
  /** When the token stops working (ISO): given with a pasted token, or a minted token's expiry. */
  tokenExpiresAt: z.string().nullable().default(null),
  /** When a minted token was minted (ISO), to renew it shortly before it expires. */
  tokenIssuedAt: z.string().nullable().default(null),
  caFile: z.string().nullable().default(null),
  /** Read every upload's rows back from Target once it completes (added with verification; files before it verify). */
  verifyAfterUpload: z.boolean().default(true),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StoredConnection = z.infer<typeof storedConnectionSchema>;

/** Connections as version 1 of the file kept them: production was guessed from the environment label. */
const v1ConnectionSchema = storedConnectionSchema.omit({ production: true, productionSetBy: true, lastTest: true, auth: true, tokenExpiresAt: true, tokenIssuedAt: true, caFile: true, verifyAfterUpload: true });
const fileSchema = z.discriminatedUnion('version', [
  z.object({ version: z.literal(1), profiles: z.array(v1ConnectionSchema) }),
  z.object({ version: z.literal(2), profiles: z.array(storedConnectionSchema) }),
]);

// Version 1's production labels, in English and Korean (data: the rule older files were written under).
const PRODUCTION_LABEL = new RegExp(productionLabels.join('|'), 'i');

/** The rule version 1 used to call a connection production: its environment label. */
export function looksLikeProduction(environment: string): boolean {
  return PRODUCTION_LABEL.test(environment);
}

/**
 * The saved connections of one state folder, kept in `profiles.json` and rewritten atomically on each
 * change. Writes are serialised; reads see the last completed write.
 */
export class ConnectionStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly homeDir: string) {}

  get path(): string {
    // The file keeps the name (and its `profiles` key) it had before connections were called connections:
    // existing installs read it as it is, so renaming it would need a migration for no gain.
    return join(this.homeDir, 'profiles.json');
  }

  /** Returns every saved connection; an absent file means none. Throws `profiles-corrupt` text when the file is unreadable. */
  async list(): Promise<StoredConnection[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const parsed = fileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`The connections file ${this.path} is damaged.`);
    if (parsed.data.version === 2) return parsed.data.profiles;
    // Upgraded on read (and written as version 2 on the next change): production as the old rule saw it, marked for review.
    return parsed.data.profiles.map((p) => ({
      ...p,
      production: looksLikeProduction(p.environment),
      productionSetBy: 'environment-name' as const,
      verifyAfterUpload: true,
      lastTest: null,
      auth: { kind: 'token' as const },
      tokenExpiresAt: null,
      tokenIssuedAt: null,
      caFile: null,
    }));
  }

  /** Inserts or replaces the connection with `connection.id`; resolves once written. */
  upsert(connection: StoredConnection): Promise<void> {
    return this.mutate((all) => {
      const i = all.findIndex((p) => p.id === connection.id);
      if (i >= 0) all[i] = connection;
      else all.push(connection);
    });
  }

  /** Changes the connection with `id` in place (no-op for an unknown id); resolves once written. */
  update(id: string, change: (p: StoredConnection) => StoredConnection): Promise<void> {
    return this.mutate((all) => {
      const i = all.findIndex((p) => p.id === id);
      if (i >= 0) all[i] = change(all[i]!);
    });
  }

  /** Removes the connection with `id`; resolves true when one was removed. */
  async remove(id: string): Promise<boolean> {
    let removed = false;
    await this.mutate((all) => {
      const i = all.findIndex((p) => p.id === id);
      if (i >= 0) {
        all.splice(i, 1);
        removed = true;
      }
    });
    return removed;
  }

  private mutate(change: (all: StoredConnection[]) => void): Promise<void> {
    const next = this.queue.then(async () => {
      const all = await this.list();
      change(all);
      await writeFileAtomic(this.path, `${JSON.stringify({ version: 2, profiles: all }, null, 2)}\n`);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
