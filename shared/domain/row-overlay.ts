import { z } from 'zod';

/** A user's change to one input row, kept beside the source file (the file itself is never rewritten). */
export const rowEditSchema = z.object({
  row: z.number().int().min(1),
  /** True: the row is left out of every batch and counted as excluded. */
  exclude: z.boolean().optional(),
  /** New cell text by header name; replaces the file's cell before mapping. */
  cells: z.record(z.string(), z.string()).optional(),
});
export type RowEdit = z.infer<typeof rowEditSchema>;

/**
 * The edits of one file, by row. Later edits of a row merge into earlier ones. Rows that are only left
 * out (a bulk exclusion can leave out hundreds of thousands) are kept as bare numbers in a set, not as
 * one object each, so a long Review session does not load the garbage collector with them.
 */
export class RowOverlay {
  private readonly edits = new Map<number, RowEdit>();
  private readonly leftOut = new Set<number>();

  /** The overlay of `edits`, plus `excluded` rows left out (the shape of `packed()`). */
  constructor(edits: readonly RowEdit[] = [], excluded?: ArrayLike<number>) {
    for (const e of edits) this.set(e);
    if (excluded) for (let i = 0; i < excluded.length; i++) this.set({ row: excluded[i] as number, exclude: true });
  }

  /** Records an edit; `exclude: false` re-includes, cells merge with earlier cell edits. */
  set(edit: RowEdit): void {
    const prev = this.get(edit.row);
    const cells = prev?.cells || edit.cells ? { ...prev?.cells, ...edit.cells } : undefined;
    const exclude = edit.exclude ?? prev?.exclude;
    if (exclude === true && cells === undefined) {
      this.edits.delete(edit.row);
      this.leftOut.add(edit.row);
      return;
    }
    this.leftOut.delete(edit.row);
    this.edits.set(edit.row, { row: edit.row, ...(exclude !== undefined ? { exclude } : {}), ...(cells ? { cells } : {}) });
  }

  /** Drops every edit of a row. */
  clear(row: number): void {
    this.edits.delete(row);
    this.leftOut.delete(row);
  }

  /** Returns the edit of a row, if any. */
  get(row: number): RowEdit | undefined {
    return this.edits.get(row) ?? (this.leftOut.has(row) ? { row, exclude: true } : undefined);
  }

  /** Returns every edit, ordered by row. */
  list(): readonly RowEdit[] {
    const out = [...this.edits.values()];
    for (const row of this.leftOut) out.push({ row, exclude: true });
    return out.sort((a, b) => a.row - b.row);
  }

  /**
   * Every edit in the shape that crosses to a worker cheaply: the rows that are only left out as one
   * ascending Int32Array, every other edit as it is, ordered by row. `new RowOverlay(edits, excluded)`
   * gives the same overlay back.
   */
  packed(): { readonly edits: readonly RowEdit[]; readonly excluded: Int32Array } {
    const excluded = new Int32Array(this.leftOut.size);
    let n = 0;
    for (const row of this.leftOut) excluded[n++] = row;
    return { edits: [...this.edits.values()].sort((a, b) => a.row - b.row), excluded: excluded.sort() };
  }

  get size(): number {
    return this.edits.size + this.leftOut.size;
  }
}

/** Returns the row's cells with the edit applied (the input array is not changed); unknown headers are ignored. */
export function applyRowEdit(cells: readonly string[], headers: readonly string[], edit: RowEdit | undefined): readonly string[] {
  if (!edit?.cells) return cells;
  const out = cells.slice();
  for (const [name, value] of Object.entries(edit.cells)) {
    const i = headers.indexOf(name);
    if (i >= 0) out[i] = value;
  }
  return out;
}
