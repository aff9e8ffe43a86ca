import { useTranslation } from 'react-i18next';
import type { JobView } from '../../../shared/jobs/job-reducer.js';
import { jobTotals } from '../../../shared/jobs/job-summary.js';
import { outcomeHeadline, type OutcomeTone } from '../../../shared/jobs/outcome-headline.js';
import { outcomeWords } from './outcome-text.js';
import './results.css';

/** The InlineAlert variant of an outcome's tone. */
export function alertVariant(tone: OutcomeTone): 'positive' | 'notice' | 'negative' {
  return tone;
}

/** The tone of an ended job (null while it runs). */
export function outcomeToneOf(view: JobView): OutcomeTone | null {
  if (view.state !== 'completed' && view.state !== 'cancelled') return null;
  return outcomeHeadline(jobTotals(view), view.state).tone;
}

/**
 * The headline of an ended upload and every non-zero count, in the colour of what happened (green only
 * when every row sent was updated). Renders nothing while the job runs.
 */
export function OutcomeSummary({ view, as = 'p' }: { readonly view: JobView; readonly as?: 'p' | 'heading' }) {
  const { t } = useTranslation();
  if ((view.state !== 'completed' && view.state !== 'cancelled') || !view.spec) return null;
  const totals = jobTotals(view);
  const outcome = outcomeHeadline(totals, view.state);
  const words = outcomeWords(t, outcome, totals, view.spec.connection.apiVersion);
  return (
    <div className={`outcome outcome--${outcome.tone}`} data-testid="outcome" data-kind={outcome.kind} data-tone={outcome.tone}>
      {as === 'heading' ? <h3 className="outcome-headline">{words.headline}</h3> : <p className="outcome-headline">{words.headline}</p>}
      {words.counts !== '' && <p className="outcome-counts">{words.counts}</p>}
    </div>
  );
}
