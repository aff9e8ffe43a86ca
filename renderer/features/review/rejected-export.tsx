import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@adobe/react-spectrum';
import type { RejectedExport } from '../../../shared/contract/index.js';
import type { ClientApi } from '../../api/index.js';
import { thrownText } from '../../i18n/problem-text.js';

/** Exports the blocked rows (with their reasons) to a CSV; in browser mode the file is also downloaded. */
export function RejectedExportButton({ api, fileId, rejected }: { readonly api: ClientApi; readonly fileId: string; readonly rejected: number }) {
  const { t } = useTranslation();
  const [done, setDone] = useState<RejectedExport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    try {
      const result = await api.call['review.exportRejected']({ fileId });
      setDone(result);
      setError(null);
      if (api.host === 'browser' && result.csv !== null) {
        const url = URL.createObjectURL(new Blob([result.csv], { type: 'text/csv;charset=utf-8' }));
        const a = document.createElement('a');
        a.href = url;
        a.download = result.path.split(/[\\/]/).pop() ?? 'rejected-rows.csv';
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      }
    } catch (e) {
      setError(thrownText(t, e));
    }
  };
  return (
    <>
      <Button variant="secondary" isDisabled={rejected === 0} onPress={() => void run()} data-testid="export-rejected">
        {t('review.exportRejected')}
      </Button>
      {done && (
        <p role="status" data-testid="export-done" className="hint">
          {t('review.exported', { rows: done.rows, path: done.path })}
        </p>
      )}
      {error && <p role="alert">{t('errors.generic', { message: error })}</p>}
    </>
  );
}
