import { useTranslation } from 'react-i18next';
import type { ReviewSummary } from '../../../shared/contract/index.js';

const CARDS = ['rows', 'ready', 'warnings', 'blocking', 'excluded'] as const;

/** The five numbers of the check: rows, ready, with warnings, blocked, left out. */
export function SummaryCards({ summary }: { readonly summary: ReviewSummary }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="summary-cards" aria-label={t('review.cardsLabel')} data-testid="summary-cards">
      {CARDS.map((card) => (
        <li key={card} className={`summary-card summary-card--${card}`} data-testid={`card-${card}`} data-value={summary[card]}>
          <span className="summary-value">{summary[card].toLocaleString(i18n.language)}</span>
          <span className="summary-label">{t(`review.cards.${card}`)}</span>
        </li>
      ))}
    </ul>
  );
}
