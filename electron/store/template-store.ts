import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTemplate, parseTemplate, type MappingTemplate } from '../../shared/domain/mapping-template.js';
import type { MappingSpec } from '../../shared/domain/mapping-spec.js';
import { fnv1a64 } from '../../shared/domain/fingerprint.js';
import { writeFileAtomic } from './atomic-file.js';

/**
 * Saved mapping templates: one JSON file per template under `templates/` in the state folder, in the
 * same format the CLI's `--template` reads. A file that does not parse is skipped, never fatal.
 */
export class TemplateStore {
  private readonly dir: string;

  constructor(homeDir: string) {
    this.dir = join(homeDir, 'templates');
  }

  /** Every readable template, newest first. */
  async list(): Promise<readonly MappingTemplate[]> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => n.endsWith('.json'));
    } catch {
      return [];
    }
    const out: MappingTemplate[] = [];
    for (const name of names) {
      const parsed = parseTemplate(await readFile(join(this.dir, name), 'utf8').catch(() => ''));
      if (parsed.ok) out.push(parsed.template);
    }
    return out.sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
  }

  /** Saves a template under its name, replacing one of the same name; returns what was written. */
  async save(name: string, headers: readonly string[], mapping: MappingSpec): Promise<MappingTemplate> {
    const template = makeTemplate(name, headers, mapping, new Date().toISOString());
    await writeFileAtomic(this.fileFor(name), `${JSON.stringify(template, null, 2)}\n`);
    return template;
  }

  /** Deletes the template of that name; an unknown name is ignored. */
  async remove(name: string): Promise<void> {
    await rm(this.fileFor(name), { force: true });
  }

  private fileFor(name: string): string {
    const slug = name.normalize('NFKC').replace(/[^\p{L}\p{N}_-]+/gu, '-').slice(0, 60) || 'template';
    return join(this.dir, `${slug}-${fnv1a64(name).slice(0, 8)}.json`);
  }
}
