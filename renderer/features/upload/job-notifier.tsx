import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ToastQueue } from '@adobe/react-spectrum';
import { jobTotals } from '../../../shared/jobs/job-summary.js';
import { outcomeHeadline } from '../../../shared/jobs/outcome-headline.js';
import { outcomeWords } from '../results/outcome-text.js';
import type { ClientApi } from '../../api/index.js';
import { useJobs } from '../../state/jobs-store.js';

/** Shows a desktop notification (Electron, when allowed); returns false when none could be shown. */
function desktopNotice(title: string, body: string): boolean {
  if (typeof Notification === 'undefined') return false;
  const show = () => new Notification(title, { body });
  if (Notification.permission === 'granted') {
    show();
    return true;
  }
  if (Notification.permission !== 'denied') {
    void Notification.requestPermission().then((p) => p === 'granted' && show());
  }
  return false;
}

/**
 * Tells the user when a job this window watched running ends: a toast in the page always, and a
 * desktop notification in the Electron app. Jobs already finished when first seen stay quiet.
 */
export function JobNotifier({ api }: { readonly api: ClientApi }) {
  const { t, i18n } = useTranslation();
  const views = useJobs((s) => s.views);
  const seenRunning = useRef(new Set<string>());
  const told = useRef(new Set<string>());
  useEffect(() => {
    for (const view of Object.values(views)) {
      if (view.state === 'running' || view.state === 'paused' || view.state === 'created') seenRunning.current.add(view.jobId);
      const ended = view.state === 'completed' || view.state === 'cancelled';
      if (!ended || !seenRunning.current.has(view.jobId) || told.current.has(view.jobId)) continue;
      told.current.add(view.jobId);
      const totals = jobTotals(view);
      const outcome = outcomeHeadline(totals, view.state);
      const words = outcomeWords(t, outcome, totals, view.spec?.connection.apiVersion ?? 'v2');
      const title = view.state === 'completed' ? t('upload.notifyTitle') : t('upload.notifyCancelledTitle');
      const body = t('results.outcome.toast', { headline: words.headline, counts: words.counts });
      if (api.host === 'electron') desktopNotice(title, body);
      const toast = t('upload.notifyToast', { title, body });
      // The toast's colour says what happened: green only when every row sent was updated.
      if (outcome.tone === 'positive') ToastQueue.positive(toast, { timeout: 10_000 });
      else if (outcome.tone === 'negative') ToastQueue.negative(toast, { timeout: 10_000 });
      else ToastQueue.info(toast, { timeout: 10_000 });
    }
  }, [views, api, t, i18n.language]);
  return null;
}
