import { describe, expect, it } from 'vitest';
import { mappingSpecSchema } from '../../../shared/domain/mapping-spec.js';
import { nameNotesByColumn } from './name-notes.js';

const spec = (columns: { column: string; param: string }[], extra: object = {}) => mappingSpecSchema.parse({ idColumn: 'id', idKind: 'thirdPartyId', columns, ...extra });
const codes = (m: ReturnType<typeof spec>) => Object.fromEntries([...nameNotesByColumn(m)].map(([column, issues]) => [column, issues.map((i) => i.code)]));

describe('nameNotesByColumn', () => {
  it('shows a case or spacing near-duplicate on both columns, and a name used twice', () => {
    const m = spec([
      { column: '등급', param: 'tier' },
      { column: 'Tier', param: 'Tier' },
      { column: '포인트', param: 'points' },
      { column: 'pts', param: 'points' },
      { column: 'seg', param: 'user.segment' },
    ]);
    expect(codes(m)).toEqual({
      등급: ['param-case-collision'],
      Tier: ['param-case-collision'],
      포인트: ['param-duplicate'],
      pts: ['param-duplicate'],
      seg: ['param-name-target-like'],
    });
    expect(nameNotesByColumn(m).get('포인트')?.[0]?.params).toEqual({ value: 'points', other: 'pts' });
  });

  it('leaves out columns not sent and counts constants among the names', () => {
    const m = spec([
      { column: 'a', param: 'tier' },
      { column: 'b', param: 'TIER' },
      { column: 'c', param: 'source' },
    ], { ignored: ['b'], constants: [{ param: 'Source', value: 'crm' }] });
    expect(codes(m)).toEqual({ a: [], c: ['param-case-collision'] });
  });

  it('stays quick for a file of 2,000 columns', () => {
    const m = spec(Array.from({ length: 2000 }, (_, i) => ({ column: `c${i}`, param: `name${i}` })));
    const start = performance.now();
    expect(nameNotesByColumn(m).size).toBe(2000);
    expect(performance.now() - start).toBeLessThan(500);
  });
});
