import { describe, expect, it } from 'vitest';
import { compileDateAmbiguity, detectDateFormat } from './date-formats.js';

describe('detectDateFormat', () => {
  it('finds day first when a day past 12 says so', () => {
    expect(detectDateFormat(['03/04/2026', '25/12/2025', '', '1/2/2026'])).toEqual({ format: 'DD/MM/YYYY', values: 3, readable: 3, tied: false });
  });
  it('finds month first when a day past 12 is in the second place', () => {
    expect(detectDateFormat(['03/04/2026', '12/25/2025'])).toMatchObject({ format: 'MM/DD/YYYY', readable: 2, tied: false });
  });
  it('says when day first and month first both fit', () => {
    expect(detectDateFormat(['03/04/2026', '01/02/2026'])).toMatchObject({ format: 'DD/MM/YYYY', tied: true });
  });
  it('picks the format most values are in, ISO and dotted forms included', () => {
    expect(detectDateFormat(['2026-01-31', '2026-02-01', '31/01/2026'])).toMatchObject({ format: 'YYYY-MM-DD', values: 3, readable: 2, tied: false });
    expect(detectDateFormat(['31.01.2026', '1.2.2026'])).toMatchObject({ format: 'DD.MM.YYYY', tied: false });
    expect(detectDateFormat(['2026.01.31'])).toMatchObject({ format: 'YYYY.MM.DD', tied: false });
  });
  it('finds nothing in values that are not dates', () => {
    expect(detectDateFormat(['gold', 'silver', ''])).toEqual({ format: null, values: 2, readable: 0, tied: false });
  });
});

describe('compileDateAmbiguity', () => {
  it('counts a value as ambiguous only when the swapped reading is another valid date', () => {
    const dayFirst = compileDateAmbiguity('DD/MM/YYYY');
    expect(dayFirst).not.toBeNull();
    const ambiguous = ['03/04/2026', '1/2/2026', '12/11/2025', '25/04/2026', '04/04/2026', '31/02/2026', ''].filter((v) => dayFirst?.(v));
    expect(ambiguous).toEqual(['03/04/2026', '1/2/2026', '12/11/2025']);
  });
  it('has no twin for year-first or dotted formats', () => {
    expect(compileDateAmbiguity('YYYY-MM-DD')).toBeNull();
    expect(compileDateAmbiguity('DD.MM.YYYY')).toBeNull();
  });
});
