import { useTranslation } from 'react-i18next';
import { Button, ButtonGroup, Content, Heading, InlineAlert } from '@adobe/react-spectrum';
import type { FileSummary, ReadOverrides } from '../../../shared/contract/index.js';
import { localeOf } from '../../i18n/languages.js';

/** True when the workbook has several sheets with data and the user has not said which one to load. */
export function mustChooseSheet(file: FileSummary): boolean {
  return file.format === 'xlsx' && file.options.sheet === undefined && file.sheetsWithData.length > 1;
}

/** The names as one list in the current language: “A”, “B” and “C”. */
function useQuotedList(): (names: readonly string[]) => string {
  const { t, i18n } = useTranslation();
  return (names) => new Intl.ListFormat(localeOf(i18n.language), { type: 'conjunction' }).format(names.map((name) => t('loadMore.quoted', { name })));
}

/**
 * What the Load step says about a workbook's sheets: which empty sheets it passed over to reach the one
 * it read, and — when several sheets hold data — the question which one to load (Next waits for it).
 */
export function SheetNotes({ file, onReopen }: { readonly file: FileSummary; readonly onReopen: (options: ReadOverrides) => void }) {
  const { t } = useTranslation();
  const list = useQuotedList();
  if (file.format !== 'xlsx' || file.sheet === null) return null;
  const sheet = t('loadMore.quoted', { name: file.sheet });
  return (
    <>
      {file.emptySheetsSkipped.length > 0 && (
        <p role="status" data-testid="sheet-skipped">
          {t('loadMore.sheetSkipped', { count: file.emptySheetsSkipped.length, skipped: list(file.emptySheetsSkipped), sheet })}
        </p>
      )}
      {mustChooseSheet(file) && (
        <InlineAlert variant="notice" data-testid="sheet-question" marginY="size-150">
          <Heading>{t('loadMore.sheetQuestion')}</Heading>
          <Content>
            <p>{t('loadMore.sheetQuestionText', { count: file.sheetsWithData.length, sheets: list(file.sheetsWithData), sheet })}</p>
            <ButtonGroup>
              {file.sheetsWithData.map((name) => (
                <Button
                  key={name}
                  variant={name === file.sheet ? 'accent' : 'secondary'}
                  onPress={() => onReopen({ ...file.options, sheet: name })}
                  aria-label={t('loadMore.useSheetLabel', { sheet: t('loadMore.quoted', { name }) })}
                  data-testid="use-sheet"
                  data-sheet={name}
                >
                  {t('loadMore.useSheet', { sheet: t('loadMore.quoted', { name }) })}
                </Button>
              ))}
            </ButtonGroup>
          </Content>
        </InlineAlert>
      )}
    </>
  );
}

/** The plain stop for a file or sheet with a header row and no data rows (shown once counting ends). */
export function NoRowsNote({ file }: { readonly file: FileSummary }) {
  const { t } = useTranslation();
  const name = t('loadMore.quoted', { name: file.name });
  return (
    <div role="alert" className="load-error" data-testid="no-rows">
      {file.format === 'xlsx' && file.sheet !== null ? t('loadMore.noRowsSheet', { sheet: t('loadMore.quoted', { name: file.sheet }), file: name }) : t('loadMore.noRows', { file: name })}
    </div>
  );
}
