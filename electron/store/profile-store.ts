import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './encrypted-file-secret-store.js';

/** A saved connection profile (the token is never part of it: it lives in the SecretStore under the profile id). */
export const storedProfileSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  environment: z.string(),
  color: z.string(),
  clientCode: z.string().min(1),
  apiVersion: z.enum(['v1', 'v2']),
  baseUrl: z.string().min(1),
  statusHosts: z.array(z.string()),
  dailyRowBudget: z.number().int().positive().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StoredProfile = z.infer<typeof storedProfileSchema>;

const fileSchema = z.object({ version: z.literal(1), profiles: z.array(storedProfileSchema) });

/**
 * The connection profiles of one state folder, kept in `profiles.json` and rewritten atomically on each
 * change. Writes are serialised; reads see the last completed write.
 */
export class ProfileStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly homeDir: string) {}

  get path(): string {
    return join(this.homeDir, 'profiles.json');
  }

  /** Returns every saved profile; an absent file means none. Throws `profiles-corrupt` text when the file is unreadable. */
  async list(): Promise<StoredProfile[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const parsed = fileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`The profiles file ${this.path} is damaged.`);
    return parsed.data.profiles;
  }

  /** Inserts or replaces the profile with `profile.id`; resolves once written. */
  upsert(profile: StoredProfile): Promise<void> {
    return this.mutate((all) => {
      const i = all.findIndex((p) => p.id === profile.id);
      if (i >= 0) all[i] = profile;
      else all.push(profile);
    });
  }

  /** Removes the profile with `id`; resolves true when one was removed. */
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

  private mutate(change: (all: StoredProfile[]) => void): Promise<void> {
    const next = this.queue.then(async () => {
      const all = await this.list();
      change(all);
      await writeFileAtomic(this.path, `${JSON.stringify({ version: 1, profiles: all }, null, 2)}\n`);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
