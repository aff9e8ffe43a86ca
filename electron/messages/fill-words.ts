/** Params a words template can name. */
export type WordParams = Readonly<Record<string, string | number | undefined>>;

/**
 * Fills a template of the result words (`{{name}}`, `{{name, number}}` — i18next's syntax, so the
 * renderer's tables fill the same way here): numbers in `locale`'s format, an unknown name as empty.
 */
export function fillWords(template: string, params: WordParams, locale: string): string {
  return template.replace(/\{\{\s*([\w-]+)\s*(?:,\s*number\s*)?\}\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) return '';
    return typeof value === 'number' ? value.toLocaleString(locale) : value;
  });
}
