/**
 * `makeBigCsv(path, rows, { seed })` writes a deterministic UTF-8 CSV of `rows` data rows × 10 columns
 * (about 100 MB at 1,000,000 rows) with a header, quoted fields (some holding commas, doubled quotes
 * and Korean text), streamed in bounded memory. Same arguments → same bytes.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export interface BigCsvOptions {
  /** PRNG seed; default 1. */
  readonly seed?: number;
}

export interface BigCsvResult {
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
}

export const BIG_CSV_HEADERS = ['thirdPartyId', 'email', 'lastName', 'firstName', 'city', 'loyaltyTier', 'points', 'joined', 'note', 'phone'] as const;

const LAST = ['김', '이', '박', '최', '정', '강', '조', '윤', 'Smith', 'Müller'];
const FIRST = ['민준', '서연', '도윤', '하은', '지호', '수아', 'Anna', 'José', '예준', '지우'];
const CITY = ['서울', '부산', '인천', '대구', '광주', 'Seoul', 'Busan', '"Daejeon, KR"', '수원', '제주'];
const TIER = ['gold', 'silver', 'bronze', 'platinum', 'vip'];
const NOTE = ['', '', '"likes ""red"", blue"', '"VIP, 우수 고객"', 'no note', '"주소: 서울시 강남구, 101동"', 'prefers email', '"said ""call me later"""'];

/** Writes the CSV and resolves when it is flushed; rejects on a write error. */
export async function makeBigCsv(path: string, rows: number, options: BigCsvOptions = {}): Promise<BigCsvResult> {
  let x = (options.seed ?? 1) >>> 0 || 1;
  const next = (n: number): number => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
  const pick = <T>(a: readonly T[]): T => a[next(a.length)] as T;
  const out = createWriteStream(path, { highWaterMark: 1024 * 1024 });
  let bytes = 0;
  const write = async (s: string): Promise<void> => {
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(BIG_CSV_HEADERS.join(',') + '\n');
  let block = '';
  for (let i = 1; i <= rows; i++) {
    const id = `TP-${String(i).padStart(9, '0')}`;
    const month = String(1 + next(12)).padStart(2, '0');
    const day = String(1 + next(28)).padStart(2, '0');
    block +=
      `${id},user${i}@example.com,${pick(LAST)},${pick(FIRST)},${pick(CITY)},${pick(TIER)},${next(100_000)},` +
      `${2015 + next(11)}-${month}-${day},${pick(NOTE)},010-${String(next(10_000)).padStart(4, '0')}-${String(next(10_000)).padStart(4, '0')}\n`;
    if (block.length > 256 * 1024) {
      await write(block);
      block = '';
    }
  }
  if (block !== '') await write(block);
  out.end();
  await once(out, 'finish');
  return { path, rows, bytes };
}
