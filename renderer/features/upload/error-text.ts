import type { TFunction } from 'i18next';
import { uploadEn } from './messages.js';

type KnownCode = keyof typeof uploadEn.codes;

function isKnownCode(code: string): code is KnownCode {
  return Object.prototype.hasOwnProperty.call(uploadEn.codes, code);
}

/**
 * The words to show for a failed call: the translated message for a code the UI knows (so Korean users
 * read Korean), with the error's params filled in, else the Node side's own plain message.
 */
export function problemText(t: TFunction, problem: { readonly code: string; readonly message: string; readonly params?: Readonly<Record<string, string | number>> | undefined }): string {
  return isKnownCode(problem.code) ? t(`upload.codes.${problem.code}`, { ...problem.params }) : problem.message;
}
