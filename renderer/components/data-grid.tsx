import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import type { FileId } from '../../shared/contract/index.js';
import type { ClientApi } from '../api/index.js';
import { GridHeader } from './grid-header.js';
import { usePagedRows } from './use-paged-rows.js';

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
  /** True while `totalRows` is still growing (rows being counted): the grid then follows it in coarse steps. */
  readonly growing?: boolean;
}

/**
 * The row count handed to the virtualizer. Every change of that count makes it measure every row again
 * (O(rows) on the page's main thread, about a second per million rows on a busy machine), so while the
 * total grows it is taken only when it has grown fourfold; once growth stops, the exact total at once.
 * Following the ten progress events a second of a file in the millions would freeze the window for as
 * long as the counting lasts.
 */
function useSteppedCount(total: number, growing: boolean): number {
  const [count, setCount] = useState(total);
  const next = !growing || total < count || total >= count * 4 ? total : count;
  if (next !== count) setCount(next);
  return next;
}

/**
 * A virtualised, keyboard-scrollable grid over every row of an opened file: only the rows in view are
 * rendered (and only the pages near them are held), whatever the file's size. Column model from
 * @tanstack/react-table, windowing from @tanstack/react-virtual.
 */
export function DataGrid({ totalRows, growing = false, ...rest }: DataGridProps) {
  return <GridView {...rest} totalRows={useSteppedCount(totalRows, growing)} />;
}

/** The grid itself; memoised, so a progress event that leaves the stepped count alone does not render its cells again. */
const GridView = memo(function GridView({ api, fileId, fileName, headers, totalRows }: Omit<DataGridProps, 'growing'>) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { rowAt, ensure, version } = usePagedRows({
    key: fileId,
    pageSize: PAGE,
    keep: KEEP,
    total: totalRows,
    fetch: (offset, count) => api.call['files.rows']({ fileId, first: offset + 1, count }),
  });
  const virtualizer = useVirtualizer({
    count: totalRows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
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
  const table = useReactTable({ data, columns, getCoreRowModel: getCoreRowModel() });
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
    >
      <GridHeader table={table} width={width} />
      <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), width, position: 'relative' }}>
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
