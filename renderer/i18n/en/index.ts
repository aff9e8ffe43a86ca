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

/**
 * Every string the UI shows, in English: the source of the keys every other language fills (see messages.ts).
 * Components hold no words of their own, not even separators or placeholders; index.html's title is replaced
 * from here at start-up.
 */
export const messages = { ...shell, loadMore, map, review, upload, results, verify, lookup, catalog, settings, errors, issues } as const;
