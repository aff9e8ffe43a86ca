import type { ColumnDetection } from '../../../shared/privacy/column-guard.js';
import { hashesValues } from '../../../shared/privacy/column-guard.js';
import { neverSendable } from '../../../shared/privacy/personal-data-kind.js';
import type { ColumnTransform, MappingSpec } from '../../../shared/domain/mapping-spec.js';

/** How the Map step shows one personal-data column: not sent, sent by the user's choice, sent hashed, or never sendable. */
export type PersonalFate = 'not-sent' | 'by-choice' | 'hashed' | 'never';

/** The fate of a detected column under `mapping` (the same rule prepare's guard applies). */
export function personalFate(d: ColumnDetection, mapping: MappingSpec, transforms: readonly ColumnTransform[]): PersonalFate {
  if (neverSendable(d.kind)) return 'never';
  if (mapping.ignored.includes(d.column)) return 'not-sent';
  if (hashesValues(transforms)) return 'hashed';
  return mapping.allowPersonalData.includes(d.column) ? 'by-choice' : 'not-sent';
}

/** Returns the mapping with the user's explicit choice to send (or not) a personal-data column as it is. */
export function withPersonalChoice(mapping: MappingSpec, column: string, send: boolean): MappingSpec {
  const allow = mapping.allowPersonalData.filter((c) => c !== column);
  const ignored = mapping.ignored.filter((c) => c !== column);
  return send ? { ...mapping, allowPersonalData: [...allow, column], ignored } : { ...mapping, allowPersonalData: allow };
}

/** Returns the mapping with the identifier hashed (trim, then SHA-256) or not. */
export function withIdHashed(mapping: MappingSpec, hashed: boolean): MappingSpec {
  const rest = mapping.idTransforms.filter((t) => t.kind !== 'hash');
  return { ...mapping, idTransforms: hashed ? [...rest, { kind: 'hash', algorithm: 'sha256' }] : rest };
}
