import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isLanguage, languages, type Language } from './languages.js';

export type { Language } from './languages.js';

const STORAGE_KEY = 'profile-loader.language';

/** The language to start in: the user's saved choice, else the browser's language when the UI speaks it, else English. */
export function initialLanguage(): Language {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (isLanguage(saved)) return saved;
  const browser = navigator.language.toLowerCase().split('-')[0];
  return isLanguage(browser) ? browser : 'en';
}

/** Starts i18next with every language of languages.ts; resolves once translations are ready. */
export async function setupI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: Object.fromEntries(languages.map((l) => [l.code, { translation: l.messages }])),
    lng: initialLanguage(),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  showLanguage();
  return i18next;
}

/** Switches language, remembers the choice, and updates the page's `lang`. */
export async function changeLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  globalThis.localStorage?.setItem(STORAGE_KEY, language);
  showLanguage();
}

/** Puts the current language on the page: its `lang`, and the window title in that language (index.html's is only the first paint's). */
function showLanguage(): void {
  document.documentElement.lang = i18next.language;
  document.title = i18next.t('app.title');
}
