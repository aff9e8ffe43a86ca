import { describe, expect, it } from 'vitest';
import { mappingSpecSchema, type ColumnTransform } from '../../../shared/domain/mapping-spec.js';
import { chainFor, chainSteps, choiceOf, dateFromOf, transformChoices, transformsFor, withDateFrom } from './mapping-edit.js';

/** A template's chain as it arrives: parsed by the mapping schema, defaults filled in. */
function parsedChain(transforms: unknown[]): ColumnTransform[] {
  const spec = mappingSpecSchema.parse({ idColumn: 'id', idKind: 'thirdPartyId', columns: [{ column: 'tier', param: 'tier', transforms }], ignored: [] });
  return spec.columns[0]!.transforms;
}

describe('the Map step’s transform picker', () => {
  it('shows each of its own choices for exactly the chain it makes, also once a template was parsed', () => {
    for (const choice of transformChoices) {
      expect(choiceOf(transformsFor(choice))).toBe(choice);
      expect(choiceOf(parsedChain(transformsFor(choice)))).toBe(choice);
    }
  });

  it('shows a template’s other chain as the template’s, step by step, instead of “Send as they are”', () => {
    const chain = parsedChain([{ kind: 'trim' }, { kind: 'valueMap', map: { g: 'gold', s: 'silver' } }, { kind: 'case', to: 'upper' }]);
    expect(choiceOf(chain)).toBe('template');
    expect(chainSteps(chain)).toEqual([{ key: 'trim' }, { key: 'valueMap', count: 2 }, { key: 'upper' }]);
    expect(choiceOf(parsedChain([{ kind: 'boolean', trueValue: 'Y', falseValue: 'N' }]))).toBe('template');
    expect(chainSteps(parsedChain([{ kind: 'date', from: 'DD/MM/YYYY', to: 'YYYY-MM-DD' }]))).toEqual([{ key: 'date', from: 'DD/MM/YYYY', to: 'YYYY-MM-DD' }]);
  });

  it('makes dates read one source format, found or chosen, and edits a lone value map in place', () => {
    expect(chainFor('date', undefined, 'MM/DD/YYYY')).toEqual([{ kind: 'date', from: 'MM/DD/YYYY', to: 'YYYY-MM-DD' }]);
    const chain = parsedChain([{ kind: 'date', from: 'auto', to: 'YYYY-MM-DD' }]);
    expect(choiceOf(chain)).toBe('date');
    expect(dateFromOf(withDateFrom(chain, 'DD.MM.YYYY'))).toBe('DD.MM.YYYY');
    expect(choiceOf(parsedChain([{ kind: 'valueMap', map: { y: '1' } }]))).toBe('valueMap');
    expect(choiceOf(parsedChain([{ kind: 'date', from: 'DD/MM/YYYY', to: 'DD.MM.YYYY' }]))).toBe('template');
  });

  it('keeps the template’s whole chain one pick away after another choice replaced it', () => {
    const chain = parsedChain([{ kind: 'trim' }, { kind: 'valueMap', map: { g: 'gold' } }]);
    expect(chainFor('lower', chain)).toEqual([{ kind: 'case', to: 'lower' }]);
    expect(chainFor('template', chain)).toEqual(chain);
    expect(chainFor('none', chain)).toEqual([]);
  });
});
