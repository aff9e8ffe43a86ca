import { describe, expect, it } from 'vitest';
import { encodeAt, MAX_ENCODED_PER_UNIT } from '../batch/line-bytes.js';
import { encodeValue, fixValue, RULE_CHARS } from './encode-value.js';
import type { NumberReading } from './number-comma.js';
import { DEFAULT_VALUE_FIXES, type ValueFixes } from './value-fixes.js';

const FIXES: readonly ValueFixes[] = [
  DEFAULT_VALUE_FIXES,
  { ...DEFAULT_VALUE_FIXES, comma: { kind: 'strip' }, lineBreak: { kind: 'strip' } },
  { ...DEFAULT_VALUE_FIXES, comma: { kind: 'replace', with: ';' }, lineBreak: { kind: 'replace', with: ' ' } },
];
const READINGS: readonly (NumberReading | null)[] = [null, 'decimal', 'thousands'];
/** Every UTF-16 code unit, in a value of its own between two plain characters (`1…5`, so number shapes are met too). */
const EVERY_UNIT = Array.from({ length: 0x10000 }, (_, c) => `1${String.fromCharCode(c)}5`);

// checkRow sends a value straight through when encodeAt writes it, telling fixValue it is clean: these
// tests keep that shortcut honest when a rule is added.
describe('value rules and the plain path', () => {
  it('the batch encoder stops at every character a value rule looks for', () => {
    const b = new Uint8Array(3 * MAX_ENCODED_PER_UNIT);
    const missed = EVERY_UNIT.filter((v) => RULE_CHARS.test(v) && encodeAt(v, b, 0) >= 0);
    expect(missed.map((v) => v.charCodeAt(1).toString(16))).toEqual([]);
  });

  it('the rules about characters find nothing, and change nothing, in a value without RULE_CHARS', () => {
    for (const fixes of FIXES) {
      for (const reading of READINGS) {
        const found = EVERY_UNIT.filter((v) => !RULE_CHARS.test(v) && fixValue(v, fixes, reading, false)?.notes.length !== 0);
        const changed = EVERY_UNIT.filter((v) => !RULE_CHARS.test(v) && fixValue(v, fixes, reading, false)?.value !== v);
        expect(found.map((v) => v.charCodeAt(1).toString(16))).toEqual([]);
        expect(changed.map((v) => v.charCodeAt(1).toString(16))).toEqual([]);
      }
    }
  });

  it('sends a plain value as it is with nothing to note, and encodes what the rules made of any other', () => {
    expect(fixValue('München 50%', DEFAULT_VALUE_FIXES, null)).toBeNull();
    expect(encodeValue('München 50%', DEFAULT_VALUE_FIXES)).toEqual({ encoded: 'M%C3%BCnchen%2050%25', notes: [] });
    expect(fixValue('1.234,50', DEFAULT_VALUE_FIXES, 'decimal')).toEqual({
      value: '1234.50',
      notes: [{ code: 'value-number-converted', detail: { value: '1.234,50', other: '1234.50', variant: 'decimal' } }],
    });
    expect(encodeValue('a,b', FIXES[2]!)).toEqual({ encoded: 'a%3Bb', notes: [{ code: 'value-comma-fixed', detail: { value: 'a,b', variant: 'replaced' } }] });
    expect(encodeValue('x\uD800', DEFAULT_VALUE_FIXES)).toEqual({ encoded: null, notes: [{ code: 'value-invalid-unicode', detail: {} }] });
  });
});
