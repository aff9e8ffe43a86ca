import type { FileId } from '../../../shared/contract/files.js';
import type { TemplateView } from '../../../shared/contract/review.js';
import { AppCallError } from '../../../shared/contract/errors.js';
import type { MappingTemplate } from '../../../shared/domain/mapping-template.js';
import type { FileService } from '../files/file-service.js';
import type { HandlerSlice } from '../handlers.js';
import { suggestMappingFor } from './mapping-suggest.js';
import { detectPersonalColumns, GUARD_SAMPLE_ROWS } from '../../../shared/privacy/column-guard.js';
import type { RecentFiles } from '../../store/recent-files.js';
import { findSampleFile } from '../files/sample-file.js';
import type { TemplateStore } from '../../store/template-store.js';

/** The handlers for the Load extras (recent files, sample data) and the Map step (suggestions, templates). */
export function createMapHandlers(ctx: {
  readonly files: FileService;
  readonly recent: RecentFiles;
  readonly templates: TemplateStore;
}): HandlerSlice<'files.recent' | 'files.sample' | 'mapping.suggest' | 'templates.list' | 'templates.save' | 'templates.remove'> {
  return {
    'files.recent': () => ctx.recent.list(),
    'files.sample': async () => ({ path: await findSampleFile() }),
    'mapping.suggest': async ({ fileId }) => {
      const summary = ctx.files.summary(fileId as FileId);
      if (!summary) throw new AppCallError('file-not-open');
      const suggestion = suggestMappingFor(summary.headers, await ctx.templates.list());
      // The same first rows the prepare run's guard reads, so Map and Review agree on what is personal data:
      // waited for, as the file is still being counted when Map asks (a header alone would flag a Y/N
      // "emailOptIn" column that the values overrule in Review, and Map would show it as not sent).
      const page = await ctx.files.rows(fileId as FileId, 1, GUARD_SAMPLE_ROWS, { wait: true });
      return { ...suggestion, personalData: detectPersonalColumns(summary.headers, page.rows) };
    },
    'templates.list': async () => (await ctx.templates.list()).map(templateView),
    'templates.save': async ({ name, headers, mapping }) => templateView(await ctx.templates.save(name, headers, mapping)),
    'templates.remove': ({ name }) => ctx.templates.remove(name),
  };
}

function templateView(t: MappingTemplate): TemplateView {
  return { name: t.name, fingerprint: t.fingerprint, headers: t.headers, mapping: t.mapping, createdAt: t.createdAt ?? null };
}
