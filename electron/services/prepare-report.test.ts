import { describe, expect, it } from 'vitest';
import { reportCell } from './prepare-report.js';

describe('reportCell', () => {
  it('neutralises formula starters and quotes CSV specials', () => {
    expect(reportCell('plain')).toBe('plain');
    expect(reportCell('=1+1')).toBe("'=1+1");
    expect(reportCell('+82 10')).toBe("'+82 10");
    expect(reportCell('-5')).toBe("'-5");
    expect(reportCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(reportCell('\tx')).toBe("'\tx");
    expect(reportCell('\rx')).toBe(`"'\rx"`);
    expect(reportCell('a,"b"')).toBe('"a,""b"""');
    expect(reportCell('=a,b')).toBe(`"'=a,b"`);
  });
});
