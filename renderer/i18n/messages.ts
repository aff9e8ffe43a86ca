import type { ErrorCode, ErrorVariant } from '../../shared/contract/errors.js';
import type { IssueCode, IssueVariant } from '../../shared/validation/issue.js';
import type { messages as en } from './en/index.js';

/** The shape every language fills: English's keys, any strings. */
export type Messages = DeepStrings<typeof en>;
type DeepStrings<T> = { readonly [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };

/** One sentence per code, or one per variant for a code whose params carry a `variant`. */
type TextsFor<V extends string> = [V] extends [never] ? string : { readonly [K in V]: string };

/** Words for every registry code (shared/contract/errors.ts): a code without words does not build. */
export type ErrorTexts = { readonly [C in ErrorCode]: TextsFor<ErrorVariant<C>> };

/** Words for every issue code (shared/validation/issue.ts): an issue code without words does not build. */
export type IssueTexts = { readonly [C in IssueCode]: TextsFor<IssueVariant<C>> };
