import { describe, expect, it } from 'vitest';
import { RESULT_MACHINE_HEADER, resultCsvColumns } from '../../../shared/jobs/result-columns.js';
import { suggestMappingFor } from './mapping-suggest.js';

describe('suggestMappingFor a result CSV loaded again', () => {
  it("leaves out the result's own columns and keeps the file's identifier and columns", () => {
    const headers = ['결과', '이유', 'thirdPartyId', 'loyaltyTier', ...RESULT_MACHINE_HEADER];
    const s = suggestMappingFor(headers, []);
    expect(s.mapping.idColumn).toBe('thirdPartyId');
    expect(s.mapping.ignored).toEqual(['결과', '이유', ...RESULT_MACHINE_HEADER]);
    expect(s.mapping.columns.map((c) => c.column)).toContain('loyaltyTier');
  });

  it('changes nothing for any other file, one with a pl_ header of its own too', () => {
    expect(resultCsvColumns(['Outcome', 'Reason', 'id', 'row'])).toEqual([]);
    expect(suggestMappingFor(['thirdPartyId', 'Outcome', 'key'], []).mapping.ignored).toEqual([]);
  });
});
