import type { Messages } from './messages.js';
import { messages as en } from './en/index.js';
import { messages as ko } from './ko/index.js';

/** One language the UI speaks: its code, its own name (as the language picker lists it), the locale for dates and numbers, and its words. */
export interface LanguageEntry {
  readonly code: string;
  readonly name: string;
  readonly locale: string;
  readonly messages: Messages;
}

/** Every language of the UI, English first (the fallback). Adding one is a folder of words and one line here (README "Adding a language"). */
export const languages = [
  { code: 'en', name: 'English', locale: 'en-US', messages: en },
  { code: 'ko', name: '한국어', locale: 'ko-KR', messages: ko },
] as const satisfies readonly LanguageEntry[];

export type Language = (typeof languages)[number]['code'];

/** True when `code` is a language the UI speaks. */
export function isLanguage(code: string | null | undefined): code is Language {
  return languages.some((l) => l.code === code);
}

/** The locale (for dates and numbers) of a language, English's for one the UI does not speak. */
export function localeOf(code: string): string {
  return languages.find((l) => l.code === code)?.locale ?? languages[0].locale;
}
