import { describe, expect, it } from 'vitest';
import { machineHeader, resultCsvColumns } from './result-columns.js';

describe('result CSV machine columns', () => {
  it('keep their contract names, and give way with a pl_ prefix only where the file has the same header', () => {
    expect(machineHeader(['Outcome', 'Reason', 'customer id', 'tier'])).toEqual(['row', 'key', 'outcome', 'batch', 'batch_id', 'verified', 'verify_detail']);
    expect(machineHeader(['Outcome', 'Reason', 'key', 'outcome'])).toEqual(['row', 'pl_key', 'pl_outcome', 'batch', 'batch_id', 'verified', 'verify_detail']);
  });

  it('are recognised in a result CSV loaded again, plain or prefixed', () => {
    expect(resultCsvColumns(['Outcome', 'Reason', 'id', 'row', 'key', 'outcome', 'batch', 'batch_id', 'verified', 'verify_detail'])).toEqual(['Outcome', 'Reason', 'row', 'key', 'outcome', 'batch', 'batch_id', 'verified', 'verify_detail']);
    expect(resultCsvColumns(['결과', '이유', 'key', 'row', 'pl_key', 'outcome', 'batch', 'batch_id', 'verified', 'verify_detail'])).toHaveLength(9);
    expect(resultCsvColumns(['id', 'tier'])).toEqual([]);
  });
});
