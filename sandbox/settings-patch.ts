import { ENUM_SETTINGS, NULLABLE_LIST_SETTINGS, NULLABLE_NUMBER_SETTINGS, NULLABLE_STRING_SETTINGS, POSITIVE_NULLABLE_NUMBER_SETTINGS, defaultSettings, type FaultSettings, type SandboxSettings } from './settings.js';

/** A partial settings object at any depth (arrays are replaced whole). */
export type DeepPartial<T> = { -readonly [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** A partial change to the settings, as accepted from options, config files, flags and admin routes. */
export type SettingsPatch = DeepPartial<SandboxSettings>;

/** Result of checking untrusted JSON against the settings shape. */
export type PatchCheck = { readonly ok: true; readonly patch: SettingsPatch } | { readonly ok: false; readonly errors: readonly string[] };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkValue(path: string, def: unknown, value: unknown, errors: string[]): void {
  if (NULLABLE_NUMBER_SETTINGS.has(path)) {
    if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) errors.push(`${path}: expected a number or null`);
    else if (typeof value === 'number' && value <= 0 && POSITIVE_NULLABLE_NUMBER_SETTINGS.has(path)) errors.push(`${path}: expected a number above 0, or null`);
    return;
  }
  if (NULLABLE_LIST_SETTINGS.has(path)) {
    const ok = value === null || typeof value === 'string' || (Array.isArray(value) && value.every((x) => typeof x === 'string'));
    if (!ok) errors.push(`${path}: expected comma-separated text, a list of strings, or null`);
    return;
  }
  if (NULLABLE_STRING_SETTINGS.has(path)) {
    if (value !== null && typeof value !== 'string') errors.push(`${path}: expected a string or null`);
    return;
  }
  if (Array.isArray(def)) {
    if (!Array.isArray(value) || value.length === 0 || !value.every((x) => Number.isInteger(x))) errors.push(`${path}: expected a non-empty array of integers`);
    return;
  }
  if (isPlainObject(def)) {
    if (!isPlainObject(value)) {
      errors.push(`${path}: expected an object`);
      return;
    }
    for (const [k, v] of Object.entries(value)) {
      const p = `${path}.${k}`;
      if (!(k in def)) errors.push(`${p}: unknown setting`);
      else checkValue(p, def[k], v, errors);
    }
    return;
  }
  const allowed = ENUM_SETTINGS[path];
  if (allowed) {
    if (typeof value !== 'string' || !allowed.includes(value)) errors.push(`${path}: expected one of ${allowed.join(', ')}`);
    return;
  }
  if (typeof def === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) errors.push(`${path}: expected a non-negative number`);
    else if (/Rate$/.test(path) && value > 1) errors.push(`${path}: expected a probability between 0 and 1`);
    return;
  }
  if (typeof value !== typeof def) errors.push(`${path}: expected a ${typeof def}`);
}

/** Checks untrusted JSON (config file, admin body) against the settings shape; returns every problem found, never throws. */
export function checkSettingsPatch(input: unknown): PatchCheck {
  const errors: string[] = [];
  if (!isPlainObject(input)) return { ok: false, errors: ['settings: expected a JSON object'] };
  const defaults = defaultSettings() as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(input)) {
    if (!(k in defaults)) errors.push(`${k}: unknown setting`);
    else checkValue(k, defaults[k], v, errors);
  }
  return errors.length === 0 ? { ok: true, patch: input as SettingsPatch } : { ok: false, errors };
}

function mergeInto(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    const b = out[k];
    out[k] = isPlainObject(b) && isPlainObject(v) ? mergeInto(b, v) : v;
  }
  return out;
}

/** Returns `base` with each patch applied in order (deep for objects; arrays and scalars replaced). */
export function applyPatches<T extends object>(base: T, ...patches: readonly (DeepPartial<T> | undefined)[]): T {
  let out = base as unknown as Record<string, unknown>;
  for (const p of patches) if (p) out = mergeInto(out, p as Record<string, unknown>);
  return out as unknown as T;
}

/** Returns a patch setting one dotted path (`faults.batchUpdate.errorRate`) to `raw` read as JSON, or as a string when it is not JSON. */
export function patchFromAssignment(assignment: string): SettingsPatch {
  const eq = assignment.indexOf('=');
  if (eq <= 0) throw new Error(`--set expects name=value, got "${assignment}"`);
  const path = assignment.slice(0, eq).split('.');
  const raw = assignment.slice(eq + 1);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  let node: unknown = value;
  for (let i = path.length - 1; i >= 0; i--) node = { [path[i] as string]: node };
  return node as SettingsPatch;
}

const flakyRoute = {
  errorRate: 0.1,
  errorStatuses: [500],
  throttleRate: 0.05,
  throttleStatus: 503,
  retryAfterSeconds: 1,
  resetRate: 0.02,
};

/** Built-in fault profiles by name: `flaky` is 10% 500, 5% 503 with Retry-After: 1, 2% resets on batchUpdate and batchStatus. */
export const FAULT_PROFILES: Readonly<Record<string, DeepPartial<FaultSettings>>> = {
  none: {},
  flaky: { batchUpdate: flakyRoute, batchStatus: flakyRoute },
};

/** Returns the named fault profile as a settings patch; throws with the list of names when unknown. */
export function faultProfilePatch(name: string): SettingsPatch {
  const profile = FAULT_PROFILES[name];
  if (!profile) throw new Error(`Unknown fault profile "${name}". Known: ${Object.keys(FAULT_PROFILES).join(', ')}`);
  return { faults: profile };
}
