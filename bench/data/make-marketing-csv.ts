/**
 * `makeMarketingCsv(path, rows, { seed })` writes a deterministic UTF-8 CSV of ordinary marketing values
 * — member ids (prefixed and zero-padded numbers), tiers, amounts, dates in several shapes, city names,
 * product codes, order numbers, points, campaign codes — with no personal data in it, so every hit of
 * the personal-data guard on it is a false positive. `marketingValue(i, column, next)` is the same value
 * generator for in-memory use. Same arguments → same bytes.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { prng } from './prng.js';

export const MARKETING_HEADERS = ['memberId', 'tier', 'amount', 'purchasedAt', 'city', 'productCode', 'orderNo', 'points', 'campaign'] as const;

const TIERS = ['gold', 'silver', 'bronze', 'VIP', '일반', '우수', '골드', 'ゴールド', 'platinum'];
const CITIES = ['Seoul', '서울', '부산', '인천', '대구', 'Tokyo', '東京', '大阪', 'New York', 'Berlin', 'São Paulo', '제주시', 'Daejeon'];
const CAMPAIGNS = ['spring_sale_2024', 'KR-EMAIL-0315', 'newsletter', 'app-push-17', 'BF2024', 'loyalty.q3', 'retarget_v2', '봄맞이 세일', 'welcome'];

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** A GS1 Korea product barcode (EAN-13, prefix 880) with its check digit, as product feeds carry them. */
function koreanEan(next: (n: number) => number): string {
  const body = `880${pad(next(1_000_000_000), 9)}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return body + String((10 - (sum % 10)) % 10);
}

/** The value of `column` (index into MARKETING_HEADERS) in data row `i`. */
export function marketingValue(i: number, column: number, next: (n: number) => number): string {
  switch (column) {
    case 0:
      return next(2) === 0 ? `M${pad(i, 8)}` : pad(100_000_000 + next(1_000_000_000), 10);
    case 1:
      return TIERS[next(TIERS.length)]!;
    case 2: {
      const won = next(5_000_000);
      return next(3) === 0 ? `${won}.${pad(next(100), 2)}` : next(2) === 0 ? String(won) : `"${won.toLocaleString('en-US')}"`;
    }
    case 3: {
      const y = 2018 + next(8);
      const m = pad(1 + next(12), 2);
      const d = pad(1 + next(28), 2);
      const shapes = [`${y}-${m}-${d}`, `${y}/${m}/${d}`, `${y}${m}${d}`, `${y}.${m}.${d}`, `${y}-${m}-${d} ${pad(next(24), 2)}:${pad(next(60), 2)}:${pad(next(60), 2)}`, `${m}/${d}/${y}`];
      return shapes[next(shapes.length)]!;
    }
    case 4:
      return CITIES[next(CITIES.length)]!;
    case 5: {
      const shapes = [`SKU-${pad(next(100_000), 5)}-BLK`, `P${pad(next(10_000), 4)}`, `AB-${pad(next(10_000), 4)}-${pad(next(10_000), 4)}`, koreanEan(next)];
      return shapes[next(shapes.length)]!;
    }
    case 6: {
      const day = `2024${pad(1 + next(12), 2)}${pad(1 + next(28), 2)}`;
      const shapes = [`ORD-${day}-${pad(next(1_000_000), 6)}`, `${day}${pad(next(100_000_000), 8)}`, pad(next(10_000_000_000), 10), `#${pad(next(1_000_000), 7)}`];
      return shapes[next(shapes.length)]!;
    }
    case 7:
      return String(next(1_000_000));
    default:
      return CAMPAIGNS[next(CAMPAIGNS.length)]!;
  }
}

/** Writes the CSV and resolves when it is flushed; rejects on a write error. */
export async function makeMarketingCsv(path: string, rows: number, options: { readonly seed?: number } = {}): Promise<{ path: string; rows: number; bytes: number }> {
  const next = prng(options.seed ?? 7);
  const out = createWriteStream(path, { highWaterMark: 1024 * 1024 });
  let bytes = 0;
  const write = async (s: string): Promise<void> => {
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(MARKETING_HEADERS.join(',') + '\n');
  let block = '';
  for (let i = 1; i <= rows; i++) {
    const cells: string[] = [];
    for (let c = 0; c < MARKETING_HEADERS.length; c++) cells.push(marketingValue(i, c, next));
    block += cells.join(',') + '\n';
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
