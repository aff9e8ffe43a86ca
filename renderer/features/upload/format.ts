import type { TFunction } from 'i18next';
import { localeOf } from '../../i18n/languages.js';
import { splitDuration } from './progress-math.js';

/** "1 h 2 min", "3 min 20 s" or "40 s" in the current language (the two largest non-zero units). */
export function formatDuration(t: TFunction, ms: number): string {
  const { hours, minutes, seconds } = splitDuration(ms);
  const parts: string[] = [];
  if (hours > 0) parts.push(t('upload.hours', { count: hours }));
  if (minutes > 0 || hours > 0) parts.push(t('upload.minutes', { count: minutes }));
  if (hours === 0) parts.push(t('upload.seconds', { count: seconds }));
  return parts.slice(0, 2).join(' ');
}

/** A date-time as people read it in the current language. */
export function formatWhen(iso: string | null, language: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(localeOf(language), { dateStyle: 'medium', timeStyle: 'short' });
}

/** The colour a connection shows: its own, or a neutral grey when none was set. */
export function connectionColor(color: string): string {
  return color.trim() === '' ? 'var(--spectrum-global-color-gray-500)' : color;
}
