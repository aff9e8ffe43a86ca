import { z } from 'zod';

/** The two profile keys a batch can use; the batch header spells them exactly like this. */
export const idKindSchema = z.enum(['pcId', 'thirdPartyId']);
export type IdKind = z.infer<typeof idKindSchema>;
