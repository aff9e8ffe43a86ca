import { describe, expect, it } from 'vitest';
import { defaultMapping } from '../../../shared/domain/mapping-spec.js';
import { chainSteps, choiceOf, transformsFor, withColumn } from './mapping-edit.js';
import { personalFate, withIdHashed, withPersonalChoice } from './personal-data.js';

const headers = ['id', 'email', '주민등록번호', 'tier'];
const base = defaultMapping(headers, 'id', 'thirdPartyId');
const email = { column: 'email', kind: 'email', evidence: 'header' } as const;
const rrn = { column: '주민등록번호', kind: 'rrn', evidence: 'header' } as const;
const transformsOf = (m: typeof base, column: string) => m.columns.find((c) => c.column === column)!.transforms;

describe('personal-data choices on the Map step', () => {
  it('starts unsent, is sent only by an explicit choice or hashed, and an RRN never', () => {
    expect(personalFate(email, base, [])).toBe('not-sent');
    const chosen = withPersonalChoice(base, 'email', true);
    expect(chosen.allowPersonalData).toEqual(['email']);
    expect(personalFate(email, chosen, [])).toBe('by-choice');
    expect(personalFate(email, withPersonalChoice(chosen, 'email', false), [])).toBe('not-sent');
    const hashed = withColumn(base, 'email', { transforms: transformsFor('hash') });
    expect(personalFate(email, hashed, transformsOf(hashed, 'email'))).toBe('hashed');
    expect(personalFate(email, withColumn(hashed, 'email', { send: false }), transformsOf(hashed, 'email'))).toBe('not-sent');
    expect(personalFate(rrn, withPersonalChoice(base, '주민등록번호', true), [])).toBe('never');
  });

  it('offers Hash as a transform choice and words it as a step', () => {
    expect(transformsFor('hash')).toEqual([{ kind: 'hash', algorithm: 'sha256' }]);
    expect(choiceOf([{ kind: 'hash', algorithm: 'sha256' }])).toBe('hash');
    expect(chainSteps([{ kind: 'trim' }, { kind: 'hash', algorithm: 'sha256' }])).toEqual([{ key: 'trim' }, { key: 'hash' }]);
  });

  it('hashes the identifier after its other steps, and takes the hash away again', () => {
    const on = withIdHashed(base, true);
    expect(on.idTransforms).toEqual([{ kind: 'trim' }, { kind: 'hash', algorithm: 'sha256' }]);
    expect(withIdHashed(on, false).idTransforms).toEqual([{ kind: 'trim' }]);
  });
});
