/**
 * The generated table of the prepare and xlsx benches, defined once: 10 columns of member data drawn
 * from a seeded PRNG. `makeBigCsv` writes it as CSV and `makeBigXlsx` as a workbook; both read the
 * cells from `bigRows`, so the two files hold the same table.
 */
import { prng } from './prng.js';

export const BIG_CSV_HEADERS = ['thirdPartyId', 'email', 'lastName', 'firstName', 'city', 'loyaltyTier', 'points', 'joined', 'note', 'phone'] as const;

// The pools, as the cells show them (CSV quoting is the writer's business).
export const LAST = ['김', '이', '박', '최', '정', '강', '조', '윤', 'Smith', 'Müller'];
export const FIRST = ['민준', '서연', '도윤', '하은', '지호', '수아', 'Anna', 'José', '예준', '지우'];
export const CITY = ['서울', '부산', '인천', '대구', '광주', 'Seoul', 'Busan', 'Daejeon, KR', '수원', '제주'];
export const TIER = ['gold', 'silver', 'bronze', 'platinum', 'vip'];
export const NOTE = ['', '', 'likes "red", blue', 'VIP, 우수 고객', 'no note', '주소: 서울시 강남구, 101동', 'prefers email', 'said "call me later"'];

/** One data row: pool indices, numbers and the phone text, drawn from the PRNG in a fixed order. */
export interface BigRow {
  readonly last: number;
  readonly first: number;
  readonly city: number;
  readonly tier: number;
  readonly points: number;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly note: number;
  readonly phone: string;
}

/** The id of data row `i` (1-based), e.g. `TP-000000001`. */
export const bigId = (i: number): string => `TP-${String(i).padStart(9, '0')}`;

/** Yields the `rows` data rows of the table for `seed`, in order; the same arguments give the same rows. */
export function* bigRows(rows: number, seed: number): Generator<BigRow> {
  const next = prng(seed);
  for (let i = 1; i <= rows; i++) {
    const month = 1 + next(12);
    const day = 1 + next(28);
    const last = next(LAST.length);
    const first = next(FIRST.length);
    const city = next(CITY.length);
    const tier = next(TIER.length);
    const points = next(100_000);
    const year = 2015 + next(11);
    const note = next(NOTE.length);
    const phone = `010-${String(next(10_000)).padStart(4, '0')}-${String(next(10_000)).padStart(4, '0')}`;
    yield { last, first, city, tier, points, year, month, day, note, phone };
  }
}
