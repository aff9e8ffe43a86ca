import { z } from 'zod';

/**
 * The kinds of directly identifying data the guard looks for (target-profile-api.md §12.6). `rrn` is a
 * Korean resident registration number: it is never sent, whatever the user chooses.
 */
export const personalDataKindSchema = z.enum(['name', 'email', 'phone', 'address', 'birth-date', 'rrn', 'national-id', 'passport', 'card-number', 'ip-address']);
export type PersonalDataKind = z.infer<typeof personalDataKindSchema>;

/** The kinds a single value can be recognised as (names, addresses and dates need a header to be told apart). */
export type PersonalValueKind = Extract<PersonalDataKind, 'email' | 'phone' | 'rrn' | 'card-number' | 'ip-address'>;

/** Every value kind, in the order `scanValue` tries them. */
export const PERSONAL_VALUE_KINDS = ['email', 'rrn', 'card-number', 'phone', 'ip-address'] as const satisfies readonly PersonalValueKind[];

/**
 * One column the guard found personal data in: what kind, whether its header or its values said so,
 * how many rows hold a value in it, and whether it is sent (only after the user's explicit choice, or
 * hashed). `--json`'s `personalData` entries have exactly these keys.
 */
export const personalDataColumnSchema = z.object({
  column: z.string(),
  kind: personalDataKindSchema,
  evidence: z.enum(['header', 'values']),
  rows: z.number().int().min(0),
  sent: z.boolean(),
});
export type PersonalDataColumn = z.infer<typeof personalDataColumnSchema>;

/** True for the kinds no choice can send (a resident registration number may not be stored at all, §12.6). */
export function neverSendable(kind: PersonalDataKind): boolean {
  return kind === 'rrn';
}
