import type { ColumnTransform } from './mapping-spec.js';
import { assertNever } from './assert-never.js';
import { compileDateTransform } from './date-transform.js';
import { sha256Hex } from './sha256-hex.js';
import yesNoWords from './yes-no-words.json' with { type: 'json' };

/** A compiled transform chain: the new value, or `null` when a step could not convert the value. */
export type CompiledTransform = (value: string) => string | null;

// The words spreadsheets write for yes and no, in the languages of the files we meet (data, not UI words).
const TRUE_WORDS = new Set(yesNoWords.yes);
const FALSE_WORDS = new Set(yesNoWords.no);

/** Compiles a transform chain once per column; returns null when the chain is empty (the fast path). */
export function compileTransforms(transforms: readonly ColumnTransform[]): CompiledTransform | null {
  if (transforms.length === 0) return null;
  const steps = transforms.map(compileStep);
  if (steps.length === 1) return steps[0] ?? null;
  return (value) => {
    let v: string | null = value;
    for (const step of steps) {
      if (v === null) return null;
      v = step(v);
    }
    return v;
  };
}

/** Which step of a chain rejects `value` (its kind, or null when the chain converts it); for wording a failure, off the hot path. */
export function failingStep(transforms: readonly ColumnTransform[], value: string): ColumnTransform['kind'] | null {
  let v: string | null = value;
  for (const t of transforms) {
    v = compileStep(t)(v);
    if (v === null) return t.kind;
  }
  return null;
}

function compileStep(t: ColumnTransform): CompiledTransform {
  switch (t.kind) {
    case 'trim':
      return (v) => v.trim();
    case 'case':
      return t.to === 'upper' ? (v) => v.toUpperCase() : (v) => v.toLowerCase();
    case 'valueMap': {
      const map = new Map<string, string>();
      for (const [k, v] of Object.entries(t.map)) map.set(t.ignoreCase ? k.toLowerCase() : k, v);
      const otherwise = t.otherwise;
      return (v) => {
        if (v === '') return v;
        const hit = map.get(t.ignoreCase ? v.toLowerCase() : v);
        if (hit !== undefined) return hit;
        return otherwise === 'keep' ? v : otherwise === 'empty' ? '' : null;
      };
    }
    case 'date':
      return compileDateTransform(t.from, t.to);
    case 'boolean': {
      const { trueValue, falseValue } = t;
      return (v) => {
        if (v === '') return v;
        const k = v.trim().toLowerCase();
        if (TRUE_WORDS.has(k)) return trueValue;
        if (FALSE_WORDS.has(k)) return falseValue;
        return null;
      };
    }
    case 'hash':
      return (v) => {
        const key = v.trim().toLowerCase();
        return key === '' ? '' : sha256Hex(key);
      };
    default:
      return assertNever(t, 'transform');
  }
}
