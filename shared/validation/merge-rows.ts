/**
 * The ascending union of a filter's rows and rows kept in view (pure): `selected` and `kept` are each
 * ascending; a row in both appears once. Used to keep a row the user just fixed in a filtered list.
 */
export function mergeRows(selected: readonly number[], kept: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < selected.length || j < kept.length) {
    const a = i < selected.length ? (selected[i] as number) : Infinity;
    const b = j < kept.length ? (kept[j] as number) : Infinity;
    if (a <= b) {
      out.push(a);
      i++;
      if (a === b) j++;
    } else {
      out.push(b);
      j++;
    }
  }
  return out;
}
