import type { Messages } from '../messages.js';
import { catalog } from './catalog.js';
import { errors } from './errors.js';
import { issues } from './issues.js';
import { loadMore } from './load.js';
import { lookup } from './lookup.js';
import { map } from './map.js';
import { results } from './results.js';
import { review } from './review.js';
import { settings } from './settings.js';
import { shell } from './shell.js';
import { upload } from './upload.js';
import { verify } from './verify.js';

/** Every string the UI shows, in Korean, key for key with English. */
export const messages: Messages = { ...shell, loadMore, map, review, upload, results, verify, lookup, catalog, settings, errors, issues };
