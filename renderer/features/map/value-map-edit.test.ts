import { describe, expect, it } from 'vitest';
import { pairsOf, repeatedPairs, stepOf, withoutPair, withPair } from './value-map-edit.js';

describe('value map editor lines', () => {
  const options = { ignoreCase: true, otherwise: 'keep' } as const;
  it('starts an empty map with one line to type into and lists a map in order', () => {
    expect(pairsOf({ kind: 'valueMap', map: {}, ignoreCase: true, otherwise: 'keep' })).toEqual([{ from: '', to: '' }]);
    expect(pairsOf({ kind: 'valueMap', map: { Gold: 'gold', Silver: 'silver' }, ignoreCase: false, otherwise: 'fail' })).toEqual([
      { from: 'Gold', to: 'gold' },
      { from: 'Silver', to: 'silver' },
    ]);
  });
  it('leaves out empty lines and repeats (case-insensitive when asked) and keeps the options', () => {
    const lines = [
      { from: 'Gold', to: 'gold' },
      { from: '', to: 'x' },
      { from: 'GOLD', to: 'g2' },
      { from: 'Silver', to: '' },
    ];
    expect([...repeatedPairs(lines, true)]).toEqual([2]);
    expect([...repeatedPairs(lines, false)]).toEqual([]);
    expect(stepOf(lines, options)).toEqual({ kind: 'valueMap', map: { Gold: 'gold', Silver: '' }, ignoreCase: true, otherwise: 'keep' });
    expect(stepOf(lines, { ignoreCase: false, otherwise: 'fail' }).map).toEqual({ Gold: 'gold', GOLD: 'g2', Silver: '' });
  });
  it('changes and removes lines, keeping one to type into', () => {
    const one = withPair([{ from: '', to: '' }], 0, { from: 'Gold' });
    expect(one).toEqual([{ from: 'Gold', to: '' }]);
    expect(withoutPair(one, 0)).toEqual([{ from: '', to: '' }]);
  });
});
