import { useTranslation } from 'react-i18next';
import { ActionButton, Button, Flex } from '@adobe/react-spectrum';
import type { BulkAction, ReviewSummary } from '../../../shared/contract/index.js';
import type { ColumnFinding } from '../../../shared/validation/column-findings.js';
import { convertNumberComma, likelyReading, type NumberReading } from '../../../shared/validation/number-comma.js';
import { cutValue, MAX_VALUE_CHARS } from '../../../shared/validation/encode-value.js';

/** Which reading(s) fit a column's sampled numbers, the likely one first. */
function readingsFor(f: ColumnFinding, delimiter: string | null): NumberReading[] {
  const first = likelyReading({ decimal: f.shapes?.decimal ?? 0, thousands: f.shapes?.thousands ?? 0 }, delimiter);
  const second: NumberReading = first === 'decimal' ? 'thousands' : 'decimal';
  const fits = (r: NumberReading) => f.samples.some((s) => convertNumberComma(s, r) !== null);
  return [first, second].filter(fits);
}

/** A small before → after table over real values from the file, one column per reading offered. */
function NumberPreview({ finding, readings }: { readonly finding: ColumnFinding; readonly readings: readonly NumberReading[] }) {
  const { t } = useTranslation();
  return (
    <table className="fix-preview" data-testid="fix-preview" data-column={finding.column}>
      <caption className="visually-hidden">{t('review.fix.previewCaption', { column: finding.column })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('review.fix.inFile')}</th>
          {readings.map((r) => (
            <th scope="col" key={r}>
              {t(`review.fix.sentAs.${r}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {finding.samples.map((s) => (
          <tr key={s}>
            <td className="fix-before">{s}</td>
            {readings.map((r) => {
              const after = convertNumberComma(s, r);
              return (
                <td key={r} className={after === null ? 'fix-blocked' : 'fix-after'} data-reading={r}>
                  {after ?? t('review.fix.staysBlocked')}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Per column, numbers written with a comma (`1.234,50`, `1,234,567`): real values before and after each
 * reading that fits, and the buttons that choose one — the likely reading first. Nothing is converted
 * until a button is pressed, and text with commas is never touched by these.
 */
export function NumberCommaFixes({ summary, delimiter, busy, onBulk }: { readonly summary: ReviewSummary; readonly delimiter: string | null; readonly busy: boolean; onBulk(action: BulkAction): void }) {
  const { t, i18n } = useTranslation();
  const blocked = summary.findings.filter((f) => f.code === 'value-number-comma');
  const converted = summary.findings.filter((f) => f.code === 'value-number-converted');
  if (blocked.length === 0 && converted.length === 0) return null;
  return (
    <div className="fix-list" data-testid="number-fixes">
      {blocked.map((f) => {
        const readings = readingsFor(f, delimiter);
        return (
          <div key={f.column} className="fix-column" data-testid="number-fix" data-column={f.column}>
            <p className="fix-title">{t('review.fix.numbersIn', { column: f.column, count: f.count, n: f.count.toLocaleString(i18n.language) })}</p>
            <NumberPreview finding={f} readings={readings} />
            <Flex gap="size-100" wrap>
              {readings.map((r, i) =>
                i === 0 ? (
                  <Button key={r} variant="secondary" isDisabled={busy} onPress={() => onBulk({ action: 'read-numbers', column: f.column, reading: r })} data-testid={`read-${r}`}>
                    {t(`review.fix.apply.${r}`)}
                  </Button>
                ) : (
                  <ActionButton key={r} isDisabled={busy} onPress={() => onBulk({ action: 'read-numbers', column: f.column, reading: r })} data-testid={`read-${r}`}>
                    {t(`review.fix.apply.${r}`)}
                  </ActionButton>
                ),
              )}
            </Flex>
          </div>
        );
      })}
      {converted.map((f) => {
        const reading = summary.fixes.numbers.columns[f.column] ?? summary.fixes.numbers.all;
        return (
          <div key={f.column} className="fix-column" data-testid="number-converted" data-column={f.column}>
            <p className="fix-title">{t(`review.fix.converted.${reading ?? 'decimal'}`, { column: f.column, n: f.count.toLocaleString(i18n.language) })}</p>
            {reading && <NumberPreview finding={f} readings={[reading]} />}
            <ActionButton isDisabled={busy} onPress={() => onBulk({ action: 'read-numbers', column: f.column, reading: null })} data-testid="read-undo">
              {t('review.fix.undo')}
            </ActionButton>
          </div>
        );
      })}
    </div>
  );
}

/** Real values with a comma in text, before and after "Remove the commas", per column. */
export function TextCommaPreview({ summary }: { readonly summary: ReviewSummary }) {
  const { t } = useTranslation();
  const findings = summary.findings.filter((f) => f.code === 'value-comma');
  if (findings.length === 0) return null;
  return (
    <table className="fix-preview" data-testid="comma-preview">
      <caption className="visually-hidden">{t('review.fix.textCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('review.fix.column')}</th>
          <th scope="col">{t('review.fix.inFile')}</th>
          <th scope="col">{t('review.fix.afterStrip')}</th>
        </tr>
      </thead>
      <tbody>
        {findings.flatMap((f) =>
          f.samples.map((s) => (
            <tr key={`${f.column}\u0000${s}`}>
              <td>{f.column}</td>
              <td className="fix-before">{s}</td>
              <td className="fix-after">{s.replace(/,/g, '')}</td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}

/** The end of a long value, where a cut shows: `…` and its last 30 characters (or, after the cut, the last 30 that stay). */
function tail(value: string): string {
  return value.length > 30 ? `…${value.slice(-30)}` : value;
}

/** Real values longer than 256 characters, per column: how they end in the file, and their length and end after "Cut to 256 characters". */
export function LongValuePreview({ summary, code }: { readonly summary: ReviewSummary; readonly code: 'value-too-long' | 'value-too-long-cut' }) {
  const { t, i18n } = useTranslation();
  const findings = summary.findings.filter((f) => f.code === code);
  if (findings.length === 0) return null;
  const n = (v: number) => v.toLocaleString(i18n.language);
  return (
    <table className="fix-preview" data-testid="long-value-preview">
      <caption className="visually-hidden">{t('review.fix.longCaption', { max: MAX_VALUE_CHARS })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('review.fix.column')}</th>
          <th scope="col">{t('review.fix.inFile')}</th>
          <th scope="col">{t('review.fix.afterCut', { max: MAX_VALUE_CHARS })}</th>
        </tr>
      </thead>
      <tbody>
        {findings.flatMap((f) =>
          f.samples.map((s) => {
            const cut = cutValue(s);
            return (
              <tr key={`${f.column}\u0000${s}`}>
                <td>{f.column}</td>
                <td className="fix-before">{t('review.fix.longEnd', { end: tail(s) })}</td>
                <td className="fix-after">{t('review.fix.longValue', { count: cut.length, n: n(cut.length), end: tail(cut) })}</td>
              </tr>
            );
          }),
        )}
      </tbody>
    </table>
  );
}

/** Per date column, how many dates read two ways (or cannot be read in the column's format), with real examples from the file. */
export function DateFindings({ summary, code }: { readonly summary: ReviewSummary; readonly code: 'value-date-ambiguous' | 'value-date-unreadable' }) {
  const { t } = useTranslation();
  const findings = summary.findings.filter((f) => f.code === code);
  if (findings.length === 0) return null;
  return (
    <ul className="date-findings" data-testid={`date-findings-${code}`}>
      {findings.map((f) => (
        <li key={f.column} data-column={f.column} data-count={f.count}>
          {t(code === 'value-date-ambiguous' ? 'review.fix.datesAmbiguous' : 'review.fix.datesUnreadable', { column: f.column, count: f.count, n: f.count, examples: f.samples.join(', ') })}
        </li>
      ))}
    </ul>
  );
}
