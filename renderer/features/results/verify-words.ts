import type { TFunction } from 'i18next';
import type { RateEstimate, VerifyView } from '../../../shared/contract/index.js';
import { localeOf } from '../../i18n/languages.js';

/** A share (0–1) as a percentage with two significant digits in the language's own way ("0.1%", "0.02%", "12%"). */
export function formatPercent(rate: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language), { style: 'percent', maximumSignificantDigits: 2 }).format(rate);
}

/** A clock time as people read it in the language ("12:10 PM", "오후 12:10"). */
export function formatClock(iso: string, language: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString(localeOf(language), { timeStyle: 'short' });
}

/**
 * The one sentence that says where a verification stands: how far it read while running, how many rows
 * it still waits for and until when, how far it got before it paused, and the counts once finished.
 */
export function verifyStatusText(t: TFunction, view: VerifyView, language: string): string {
  const n = (value: number) => value.toLocaleString(localeOf(language));
  switch (view.state) {
    case 'running':
      return t('verify.running', { checked: n(view.checked), planned: n(view.planned) });
    case 'waiting':
      return t('verify.waiting', { count: view.waitingVisible, until: view.deadlineAt ? formatClock(view.deadlineAt, language) : '—' });
    case 'paused':
      return t('verify.paused', { checked: n(view.checked), planned: n(view.planned) });
    case 'finished': {
      const counts = t('verify.finished', { verified: n(view.verified), checked: n(view.checked), missing: n(view.missing), differs: n(view.differs) });
      return view.notYetVisible > 0 ? counts + t('verify.finishedNotVisible', { count: n(view.notYetVisible) }) : counts;
    }
  }
}

/** What a sample's rate of rows that did not land implies for the whole job, with its 95% interval. */
export function estimateText(t: TFunction, estimate: RateEstimate, language: string): string {
  const pct = (rate: number) => formatPercent(rate, language);
  if (estimate.rate === 0) return t('verify.estimateNone', { high: pct(estimate.high) });
  return t('verify.estimate', { rate: pct(estimate.rate), low: pct(estimate.low), high: pct(estimate.high) });
}
