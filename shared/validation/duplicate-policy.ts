import { z } from 'zod';

/**
 * What to do when an identifier appears on more than one row: send one row holding every non-empty value
 * (later rows win per value), keep only the last or the first row, or block the later rows.
 */
export const duplicatePolicySchema = z.enum(['merge', 'last-wins', 'first-wins', 'flag']);
export type DuplicatePolicy = z.infer<typeof duplicatePolicySchema>;
