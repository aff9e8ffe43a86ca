import { flexRender, type Table } from '@tanstack/react-table';

/** The header row group of a virtualised grid: one column header per column, at the columns' widths. */
export function GridHeader<Row>({ table, width }: { readonly table: Table<Row>; readonly width: number }) {
  return (
    <div role="rowgroup" className="grid-head" style={{ width }}>
      {table.getHeaderGroups().map((group) => (
        <div role="row" aria-rowindex={1} key={group.id} className="grid-row">
          {group.headers.map((header) => (
            <div role="columnheader" key={header.id} className="grid-cell grid-header" style={{ width: header.getSize() }}>
              {flexRender(header.column.columnDef.header, header.getContext())}
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
