import { memo, useEffect, useMemo, useRef } from 'react';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import type { FileId } from '../../shared/contract/index.js';
import type { ClientApi } from '../api/index.js';
import { GridHeader } from './grid-header.js';
import { usePagedRows } from './use-paged-rows.js';
import { useRowWindow } from './use-row-window.js';

const ROW_HEIGHT = 32;
const PAGE = 200;
const KEEP = 10;

interface GridRow {
  readonly rowNumber: number;
  readonly cells: readonly string[] | undefined;
}

export interface DataGridProps {
  readonly api: ClientApi;
  readonly fileId: FileId;
  readonly fileName: string;
  readonly headers: readonly string[];
  readonly totalRows: number;
}

/**
 * A virtualised, keyboard-scrollable grid over every row of an opened file: only the rows in view are
 * rendered (and only the pages near them are held), whatever the file's size — past the browser's
 * largest element the scrollbar is scaled to map the whole file (`useRowWindow`). Column model from
 * @tanstack/react-table. Memoised: a count that follows a file being counted re-renders only the rows
 * in view, and nothing is kept per row.
 */
export const DataGrid = memo(function DataGrid({ api, fileId, fileName, headers, totalRows }: DataGridProps) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { rowAt, ensure, version } = usePagedRows({
    key: fileId,
    pageSize: PAGE,
    keep: KEEP,
    total: totalRows,
    fetch: (offset, count) => api.call['files.rows']({ fileId, first: offset + 1, count }),
  });
  const { items, totalSize, scaled, scrollToIndex, scrollByRows, pageRows } = useRowWindow({ count: totalRows, rowHeight: ROW_HEIGHT, scrollRef, overscan: 10, headerHeight: ROW_HEIGHT });
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (totalRows > 0) ensure(first, last);
  }, [ensure, first, last, totalRows]);

  const data = useMemo<GridRow[]>(
    () => items.map((item) => ({ rowNumber: item.index + 1, cells: rowAt(item.index) })),
    [items, rowAt, version],
  );
  const columns = useMemo(() => {
    const helper = createColumnHelper<GridRow>();
    return [
      helper.accessor('rowNumber', { id: '__row', header: () => t('grid.rowNumber'), size: 80 }),
      ...headers.map((header, index) =>
        helper.accessor((row) => row.cells?.[index] ?? '', { id: `c${index}`, header: () => header || t('grid.unnamedColumn', { n: index + 1 }), size: 180 }),
      ),
    ];
  }, [headers, t]);
  // The table is not paged: a new window of rows must not queue a page reset (a render that never ends).
  const table = useReactTable({ data, columns, getCoreRowModel: getCoreRowModel(), autoResetPageIndex: false });
  const width = table.getTotalSize();

  return (
    <div
      ref={scrollRef}
      className="grid-scroll"
      role="grid"
      tabIndex={0}
      aria-label={t('grid.label', { name: fileName })}
      aria-rowcount={totalRows + 1}
      aria-colcount={headers.length + 1}
      data-testid="data-grid"
      data-rendered-rows={items.length}
      data-scaled={scaled ? 'yes' : 'no'}
      onKeyDown={(e) => {
        // A scaled scrollbar moves many rows per pixel: the keys move by rows, as they do in a short file.
        if (!scaled) return;
        const by = { ArrowDown: 1, ArrowUp: -1, PageDown: pageRows, PageUp: -pageRows }[e.key];
        if (by !== undefined) scrollByRows(by);
        else if (e.key === 'Home' || e.key === 'End') scrollToIndex(e.key === 'Home' ? 0 : totalRows - 1, e.key === 'Home' ? 'start' : 'auto');
        else return;
        e.preventDefault();
      }}
    >
      <GridHeader table={table} width={width} />
      <div role="rowgroup" style={{ height: totalSize, width, position: 'relative' }}>
        {table.getRowModel().rows.map((row, i) => {
          const item = items[i];
          if (!item) return null;
          return (
            <div
              role="row"
              aria-rowindex={row.original.rowNumber + 1}
              key={item.key}
              className="grid-row"
              data-row={row.original.rowNumber}
              style={{ position: 'absolute', top: 0, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT, width }}
            >
              {row.getVisibleCells().map((cell) => (
                <div role="gridcell" key={cell.id} className={cell.column.id === '__row' ? 'grid-cell grid-rownum' : 'grid-cell'} style={{ width: cell.column.getSize() }}>
                  {row.original.cells || cell.column.id === '__row' ? flexRender(cell.column.columnDef.cell, cell.getContext()) : <span className="grid-loading">{t('grid.loading')}</span>}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
});
