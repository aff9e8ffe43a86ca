/** "1 row" / "2 rows": `n` with the English word in the singular for exactly one, the plural otherwise (the number as given, not re-formatted). */
export function counted(n: number, one: string, other: string): string {
  return `${n} ${n === 1 ? one : other}`;
}
