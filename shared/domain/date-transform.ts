import type { CompiledTransform } from './column-transforms.js';

interface DateParts {
  y: number;
  m: number;
  d: number;
  hh: number;
  mi: number;
  ss: number;
}

const TOKEN = /YYYY|MM|DD|HH|mm|ss/g;
const AUTO_PATTERNS = ['YYYY-MM-DD HH:mm:ss', 'YYYY-MM-DDTHH:mm:ss', 'YYYY-MM-DD', 'YYYY/MM/DD', 'YYYY.MM.DD', 'YYYY. MM. DD', 'YYYYMMDD', 'DD.MM.YYYY'];

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Builds a parser for a pattern such as `DD/MM/YYYY`; months and days may have one digit. */
function makeParser(pattern: string): (v: string) => DateParts | null {
  const order: string[] = [];
  let re = '^';
  let last = 0;
  for (const m of pattern.matchAll(TOKEN)) {
    re += escapeRe(pattern.slice(last, m.index));
    order.push(m[0]);
    re += m[0] === 'YYYY' ? '(\\d{4})' : pattern.includes('YYYYMMDD') ? '(\\d{2})' : '(\\d{1,2})';
    last = (m.index ?? 0) + m[0].length;
  }
  re += escapeRe(pattern.slice(last)) + '$';
  const rx = new RegExp(re);
  return (v) => {
    const hit = rx.exec(v.trim());
    if (!hit) return null;
    const p: DateParts = { y: 0, m: 1, d: 1, hh: 0, mi: 0, ss: 0 };
    order.forEach((tok, i) => {
      const n = Number(hit[i + 1]);
      if (tok === 'YYYY') p.y = n;
      else if (tok === 'MM') p.m = n;
      else if (tok === 'DD') p.d = n;
      else if (tok === 'HH') p.hh = n;
      else if (tok === 'mm') p.mi = n;
      else p.ss = n;
    });
    return valid(p) ? p : null;
  };
}

function valid(p: DateParts): boolean {
  if (p.m < 1 || p.m > 12 || p.d < 1 || p.hh > 23 || p.mi > 59 || p.ss > 59) return false;
  const dim = new Date(Date.UTC(p.y, p.m, 0)).getUTCDate();
  return p.d <= dim;
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

function format(p: DateParts, pattern: string): string {
  return pattern.replace(TOKEN, (tok) =>
    tok === 'YYYY' ? pad(p.y, 4) : tok === 'MM' ? pad(p.m, 2) : tok === 'DD' ? pad(p.d, 2) : tok === 'HH' ? pad(p.hh, 2) : tok === 'mm' ? pad(p.mi, 2) : pad(p.ss, 2),
  );
}

/** Compiles a date re-format from one pattern (or 'auto') to another; an unreadable date gives null. */
export function compileDateTransform(from: string, to: string): CompiledTransform {
  const parsers = (from === 'auto' ? AUTO_PATTERNS : [from]).map(makeParser);
  return (v) => {
    if (v.trim() === '') return v;
    for (const parse of parsers) {
      const p = parse(v);
      if (p) return format(p, to);
    }
    return null;
  };
}
