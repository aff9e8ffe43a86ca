import { describe, expect, it } from 'vitest';
import { compileMapping, paramValue } from '../domain/compile-mapping.js';
import { compileTransforms } from '../domain/column-transforms.js';
import { defaultMapping, mappingSpecSchema } from '../domain/mapping-spec.js';
import { makeTemplate, parseTemplate } from '../domain/mapping-template.js';
import { checkRow, MAX_ROW_BYTES } from '../validation/check-row.js';
import { DEFAULT_VALUE_FIXES } from '../validation/value-fixes.js';
import { LineBytes } from '../batch/line-bytes.js';
import { detectPersonalColumns, guardedMapping, planGuard } from './column-guard.js';

const headers = ['회원번호', '이름', '휴대폰', '이메일', '주민등록번호', '등급', '포인트', 'memo', 'contact', 'emailOptIn'];
const sample = Array.from({ length: 20 }, (_, i) => [
  `M${1000 + i}`,
  `김민${i}`,
  `010-${1000 + i}-${5000 + i}`,
  `user${i}@example.com`,
  `900101-${1000000 + i}`,
  i % 2 ? 'GOLD' : 'SILVER',
  String(i * 100),
  i === 3 ? 'call 010-5555-1234' : 'ok',
  `+82 10 ${2000 + i} ${3000 + i}`,
  i % 2 ? 'Y' : 'N',
]);

describe('detectPersonalColumns', () => {
  it('finds personal columns by header and by values, and lets plain values overrule a header', () => {
    expect(detectPersonalColumns(headers, sample)).toEqual([
      { column: '이름', kind: 'name', evidence: 'header' },
      { column: '휴대폰', kind: 'phone', evidence: 'header' },
      { column: '이메일', kind: 'email', evidence: 'header' },
      { column: '주민등록번호', kind: 'rrn', evidence: 'header' },
      { column: 'contact', kind: 'phone', evidence: 'values' },
    ]);
  });
});

describe('planGuard', () => {
  const detections = detectPersonalColumns(headers, sample);
  const base = defaultMapping(headers, '회원번호', 'thirdPartyId');

  it('leaves every detected column out by default', () => {
    const plan = planGuard(detections, base);
    expect(plan.holdBack).toEqual(['이름', '휴대폰', '이메일', '주민등록번호', 'contact']);
    expect(plan.columns.every((c) => !c.sent)).toBe(true);
    expect(plan.refused).toBeNull();
    expect(guardedMapping(base, plan).ignored).toEqual(plan.holdBack);
  });

  it('sends a column only when allowed or hashed, and refuses a resident registration number even when allowed', () => {
    const mapping = mappingSpecSchema.parse({
      ...base,
      columns: base.columns.map((c) => (c.column === '이메일' ? { ...c, transforms: [{ kind: 'hash' }] } : c)),
      allowPersonalData: ['휴대폰'],
    });
    const plan = planGuard(detections, mapping);
    expect(plan.columns.filter((c) => c.sent).map((c) => c.column)).toEqual(['휴대폰', '이메일']);
    expect(plan.refused).toBeNull();
    expect(planGuard(detections, { ...mapping, allowPersonalData: ['주민등록번호'] }).refused?.column).toBe('주민등록번호');
  });

  it('holds the whole file back when the identifier is personal data neither hashed nor allowed', () => {
    const byEmail = defaultMapping(headers, '이메일', 'thirdPartyId');
    expect(planGuard(detections, byEmail).idHeldBack?.column).toBe('이메일');
    expect(planGuard(detections, { ...byEmail, idTransforms: [{ kind: 'hash', algorithm: 'sha256' }] }).idHeldBack).toBeNull();
    expect(planGuard(detections, defaultMapping(headers, '주민등록번호', 'thirdPartyId')).refused?.column).toBe('주민등록번호');
  });
});

describe('the hash transform', () => {
  it('sends SHA-256 of the trimmed, lower-cased value as 64 hex characters that pass the mbox3rdPartyId rules', () => {
    const hash = compileTransforms([{ kind: 'hash', algorithm: 'sha256' }])!;
    // `printf kim@example.com | sha256sum`
    expect(hash('  Kim@Example.COM ')).toBe('5d9a0087d4ccdb9bc50e88c4713479119e48a326fd360d647cf1643f3cae13e7');
    expect(hash('')).toBe('');
    expect(hash('   ')).toBe('');
    const spec = mappingSpecSchema.parse({ idColumn: 'email', idKind: 'thirdPartyId', idTransforms: [{ kind: 'hash' }], columns: [{ column: 'tier', param: 'tier' }] });
    const compiled = compileMapping(spec, ['email', 'tier']);
    if (!compiled.ok) throw new Error('must compile');
    const ctx = { mapping: compiled.mapping, fixes: DEFAULT_VALUE_FIXES, readings: [null], idShape: null, maxRowBytes: MAX_ROW_BYTES };
    const checked = checkRow(['Kim@Example.com', 'gold'], 1, ctx, new LineBytes(16));
    expect(checked).toMatchObject({ issues: [], sendable: true, id: '5d9a0087d4ccdb9bc50e88c4713479119e48a326fd360d647cf1643f3cae13e7' });
  });
});

describe('templates keep the personal-data choices', () => {
  it('round-trips allowances and hash transforms through template JSON', () => {
    const mapping = mappingSpecSchema.parse({
      idColumn: 'email',
      idKind: 'thirdPartyId',
      idTransforms: [{ kind: 'trim' }, { kind: 'hash' }],
      columns: [{ column: 'phone', param: 'phone' }, { column: 'tier', param: 'tier', transforms: [{ kind: 'hash' }] }],
      allowPersonalData: ['phone'],
    });
    const parsed = parseTemplate(JSON.stringify(makeTemplate('CRM', ['email', 'phone', 'tier'], mapping)));
    if (!parsed.ok) throw new Error('must parse');
    expect(parsed.template.mapping).toEqual(mapping);
    expect(parsed.template.mapping.idTransforms[1]).toEqual({ kind: 'hash', algorithm: 'sha256' });
  });
});

describe('templates saved before the guard', () => {
  it('parse to the same mapping, with no allowances', () => {
    const old = JSON.stringify({
      version: 1,
      name: 'CRM',
      fingerprint: 'x',
      headers: ['ID', 'tier'],
      mapping: { idColumn: 'ID', idKind: 'thirdPartyId', idTransforms: [{ kind: 'trim' }], columns: [{ column: 'tier', param: 'loyaltyTier', transforms: [{ kind: 'case', to: 'lower' }] }], ignored: [], constants: [] },
    });
    const parsed = parseTemplate(old);
    if (!parsed.ok) throw new Error('an old template must parse');
    expect(parsed.template.mapping.allowPersonalData).toEqual([]);
    const compiled = compileMapping(parsed.template.mapping, ['ID', 'tier']);
    if (!compiled.ok) throw new Error('must compile');
    expect(compiled.mapping.params.map((p) => [p.name, paramValue(p, [' A1 ', 'GOLD'])])).toEqual([['loyaltyTier', 'gold']]);
  });
});
