import { z } from 'zod';
import { defineCall } from './define.js';
import type { ConnectionCatalog } from '../catalog/attribute-catalog.js';

/** Calls about the attribute catalog: the parameter names this app has sent to each connection. */
export const catalogCalls = {
  'catalog.get': defineCall<ConnectionCatalog>()(
    z.object({ connectionId: z.string().min(1).max(100) }).strict(),
    'The parameter names this app has sent to a connection (jobs with at least one row confirmed), each with when it was first and last sent and the file and column it last came from; sorted by name. Kept across restarts.',
  ),
} as const;
