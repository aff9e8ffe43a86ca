import { useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import type { ReviewFilter, ReviewRow } from '../../../shared/contract/index.js';
import type { ClientApi } from '../../api/index.js';
import { issueShort, issueText } from '../../i18n/issue-text.js';
import { GridHeader } from '../../components/grid-header.js';
import { usePagedRows } from '../../components/use-paged-rows.js';
import { useRowWindow } from '../../components/use-row-window.js';

const ROW_HEIGHT = 32;
const PAGE = 100;
const KEEP = 8;
/** Column index of the file's first column (0 = Send and status, 1 = Problems). */
const FIRST_DATA = 2;

interface GridRow {
  readonly index: number;
  readonly data: ReviewRow | undefined;
}

export interface ReviewGridProps {
  readonly api: ClientApi;
  readonly fileId: string;
  readonly fileName: string;
  readonly headers: readonly string[];
  readonly run: number;
  readonly filter: ReviewFilter;
  /** Rows kept in the filtered list although they no longer match (fixed or left out), until refreshed. */
  readonly keep: readonly number[];
  readonly initialTotal: number;
  /** Scroll to and focus this list index (changes with `nonce`). */
  readonly jump: { readonly index: number; readonly nonce: number } | null;
  readonly busy: boolean;
  onEdit(row: number, column: string, value: string): void;
  onExclude(row: number, exclude: boolean): void;
}

/**
 * The Review grid: every row of the filtered list, windowed (only the rows in view are rendered; past a
 * million rows the scrollbar is scaled to map them all) and
 * paged from the Node side, with issue highlighting, inline editing (Enter or double-click) and a
 * per-row Send switch. Keyboard: one tab stop; arrow keys, Home/End, Page Up/Down move the active cell.
 */
export function ReviewGrid({ api, fileId, fileName, headers, run, filter, keep, initialTotal, jump, busy, onEdit, onExclude }: ReviewGridProps) {
  const { t, i18n } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { rowAt, ensure, total, version, ready } = usePagedRows<ReviewRow>({
    key: `${fileId}|${run}|${JSON.stringify(filter)}|${keep.join(',')}`,
    pageSize: PAGE,
    keep: KEEP,
    initialTotal,
    fetch: (offset, count) => api.call['review.rows']({ fileId, filter, offset, count, ...(keep.length > 0 ? { keep: [...keep] } : {}) }),
  });
  const [active, setActive] = useState<{ index: number; col: number }>({ index: 0, col: 2 });
  const [editing, setEditing] = useState<{ index: number; col: number; value: string } | null>(null);
  const { items, totalSize, scaled, scrollToIndex } = useRowWindow({ count: total, rowHeight: ROW_HEIGHT, scrollRef, overscan: 8, headerHeight: ROW_HEIGHT });
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const colCount = headers.length + 2; // send/status, problems, then the file's columns

  useEffect(() => {
    if (total > 0) ensure(first, last);
  }, [ensure, first, last, total]);

  // A jump waits until the list it points into is loaded (a jump also switches the filter to all rows).
  const handledJump = useRef<number | null>(null);
  useEffect(() => {
    if (!jump || handledJump.current === jump.nonce || jump.index >= total || !ready) return;
    handledJump.current = jump.nonce;
    setActive((a) => ({ index: jump.index, col: a.col }));
    scrollToIndex(jump.index, 'center');
    scrollRef.current?.focus();
  }, [jump, total, ready, scrollToIndex]);

  const data = useMemo<GridRow[]>(() => items.map((item) => ({ index: item.index, data: rowAt(item.index) })), [items, rowAt, version]);
  const columns = useMemo(() => {
    const helper = createColumnHelper<GridRow>();
    return [
      helper.display({ id: '__send', header: () => t('review.grid.send'), size: 150 }),
      helper.display({ id: '__issues', header: () => t('review.grid.issues'), size: 340 }),
      ...headers.map((header, i) => helper.display({ id: `c${i}`, header: () => header || t('grid.unnamedColumn', { n: i + 1 }), size: 170 })),
    ];
  }, [headers, t]);
  // The table is not paged: a new window of rows must not queue a page reset (a render that never ends).
  const table = useReactTable({ data, columns, getCoreRowModel: getCoreRowModel(), autoResetPageIndex: false });
  const width = table.getTotalSize();

  const move = (index: number, col: number) => {
    const i = Math.min(Math.max(0, index), Math.max(0, total - 1));
    const c = Math.min(Math.max(0, col), colCount - 1);
    setActive({ index: i, col: c });
    scrollToIndex(i);
  };
  const startEdit = (index: number, col: number) => {
    const row = rowAt(index);
    if (!row || col < FIRST_DATA || busy) return;
    setEditing({ index, col, value: row.cells[col - FIRST_DATA] ?? '' });
  };
  // The editor ends once: Enter, Escape or leaving it (the blur that follows Enter/Escape finds nothing to do).
  const editingRef = useRef(editing);
  editingRef.current = editing;
  const finishEdit = (save: boolean, before: string, row: number, column: string) => {
    const now = editingRef.current;
    if (!now) return;
    editingRef.current = null;
    setEditing(null);
    if (save && now.value !== before) onEdit(row, column, now.value);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (editing) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 320) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active.index + 1, active.col),
      ArrowUp: () => move(active.index - 1, active.col),
      ArrowRight: () => move(active.index, active.col + 1),
      ArrowLeft: () => move(active.index, active.col - 1),
      PageDown: () => move(active.index + page, active.col),
      PageUp: () => move(active.index - page, active.col),
      Home: () => (e.ctrlKey ? move(0, active.col) : move(active.index, 0)),
      End: () => (e.ctrlKey ? move(total - 1, active.col) : move(active.index, colCount - 1)),
      Enter: () => startEdit(active.index, active.col),
      F2: () => startEdit(active.index, active.col),
      ' ': () => {
        const row = rowAt(active.index);
        if (active.col === 0 && row && !busy) onExclude(row.row, row.status !== 'excluded');
      },
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };
  const activeRendered = items.some((item) => item.index === active.index);
  const cellId = (index: number, col: number) => `rg-${index}-${col}`;

  return (
    <div className="review-grid-wrap">
      <p id="review-grid-help" className="hint">
        {t('review.grid.help')}
      </p>
      <div
        ref={scrollRef}
        className="grid-scroll"
        role="grid"
        tabIndex={0}
        aria-label={t('review.grid.label', { name: fileName })}
        aria-describedby="review-grid-help"
        aria-rowcount={total + 1}
        aria-colcount={colCount}
        aria-activedescendant={activeRendered && !editing ? cellId(active.index, active.col) : undefined}
        aria-busy={busy}
        data-testid="review-grid"
        data-rendered-rows={items.length}
        data-total={total}
        data-scaled={scaled ? 'yes' : 'no'}
        onKeyDown={onKeyDown}
      >
        <GridHeader table={table} width={width} />
        {total === 0 && <p className="grid-empty">{t('review.grid.empty')}</p>}
        <div role="rowgroup" style={{ height: totalSize, width, position: 'relative' }}>
          {table.getRowModel().rows.map((r, i) => {
            const item = items[i];
            if (!item) return null;
            const row = r.original.data;
            const index = r.original.index;
            const byColumn = new Map<string, string>();
            for (const issue of row?.issues ?? []) {
              if (issue.column === null) continue;
              const prev = byColumn.get(issue.column);
              if (prev !== 'blocking') byColumn.set(issue.column, issue.severity);
            }
            return (
              <div
                role="row"
                aria-rowindex={index + 2}
                key={item.key}
                className={`grid-row review-row review-row--${row?.status ?? 'loading'}`}
                data-row={row?.row}
                data-status={row?.status}
                style={{ position: 'absolute', top: 0, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT, width }}
              >
                {r.getVisibleCells().map((cell, col) => {
                  const isActive = active.index === index && active.col === col;
                  const common = {
                    id: cellId(index, col),
                    role: 'gridcell' as const,
                    style: { width: cell.column.getSize() },
                    onClick: () => setActive({ index, col }),
                  };
                  const activeClass = isActive ? ' grid-cell--active' : '';
                  if (!row) {
                    return (
                      <div key={cell.id} {...common} className={`grid-cell${activeClass}`}>
                        {col === 0 ? <span className="grid-loading">{t('grid.loading')}</span> : null}
                      </div>
                    );
                  }
                  if (col === 0) {
                    const sending = row.status !== 'excluded';
                    return (
                      <div key={cell.id} {...common} className={`grid-cell review-send${activeClass}`}>
                        <input
                          type="checkbox"
                          tabIndex={-1}
                          checked={sending}
                          disabled={busy}
                          aria-label={t('review.grid.sendRow', { row: row.row.toLocaleString(i18n.language) })}
                          onChange={() => onExclude(row.row, sending)}
                          data-testid={`send-${row.row}`}
                        />
                        <span className="row-number">{row.row.toLocaleString(i18n.language)}</span>
                        <span className={`status status--${row.status}`}>{t(`review.grid.status.${row.status}`)}</span>
                        {row.kept && row.status !== 'excluded' && (
                          <span className="kept-mark" data-testid={`fixed-${row.row}`}>
                            {t('review.grid.fixed')}
                          </span>
                        )}
                      </div>
                    );
                  }
                  if (col === 1) {
                    // Short in the cell ("“id”: Character not allowed"); the full sentences, without the row's own number, on hover.
                    const short = row.issues.map((issue) => issueShort(t, issue)).join(t('grid.listJoin'));
                    const full = row.issues.map((issue) => issueText(t, issue, true)).join('\n');
                    return (
                      <div key={cell.id} {...common} className={`grid-cell review-issues${activeClass}`} title={full || undefined}>
                        {short}
                      </div>
                    );
                  }
                  const column = headers[col - FIRST_DATA] ?? '';
                  const severity = byColumn.get(column);
                  const edited = row.edited.includes(column);
                  const value = row.cells[col - FIRST_DATA] ?? '';
                  // The grid shows what Target will receive; the file's own text is in the tooltip when it differs.
                  const sent = row.sent[col - FIRST_DATA] ?? null;
                  const changed = sent !== null && sent !== value;
                  const isEditing = editing?.index === index && editing.col === col;
                  const cls = `grid-cell${severity ? ` cell--${severity}` : ''}${edited ? ' cell--edited' : ''}${changed ? ' cell--changed' : ''}${sent === null ? ' cell--unsent' : ''}${activeClass}`;
                  const cellIssues = row.issues.filter((x) => x.column === column).map((x) => issueText(t, x, true)).join(t('grid.listJoin'));
                  const title = [cellIssues, changed ? t('review.grid.inFile', { value }) : '', sent === null ? t('review.grid.notSent') : ''].filter((x) => x !== '').join(t('grid.listJoin'));
                  return (
                    <div
                      key={cell.id}
                      {...common}
                      className={cls}
                      title={title || undefined}
                      onDoubleClick={() => startEdit(index, col)}
                      data-column={column}
                      data-sent={sent ?? undefined}
                      data-file-value={changed ? value : undefined}
                    >
                      {isEditing ? (
                        <input
                          className="cell-editor"
                          autoFocus
                          aria-label={t('review.grid.editCell', { row: row.row, column })}
                          value={editing.value}
                          onChange={(e) => setEditing({ ...editing, value: e.currentTarget.value })}
                          onKeyDown={(e) => {
                            if (e.key === 'Enter') {
                              e.preventDefault();
                              finishEdit(true, value, row.row, column);
                              scrollRef.current?.focus();
                            } else if (e.key === 'Escape') {
                              e.preventDefault();
                              finishEdit(false, value, row.row, column);
                              scrollRef.current?.focus();
                            }
                            e.stopPropagation();
                          }}
                          // As in a spreadsheet: clicking (or tabbing) away keeps the edit; only Escape drops it.
                          onBlur={() => finishEdit(true, value, row.row, column)}
                        />
                      ) : (
                        <>
                          {sent ?? value}
                          {changed && <span className="visually-hidden"> ({t('review.grid.inFile', { value })})</span>}
                          {edited && <span className="visually-hidden"> ({t('review.grid.edited')})</span>}
                        </>
                      )}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
