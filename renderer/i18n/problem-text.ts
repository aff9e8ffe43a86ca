import type { TFunction } from 'i18next';
import { isErrorCode, type ParamValue } from '../../shared/contract/errors.js';

type Params = Readonly<Record<string, ParamValue>>;

/**
 * Anything that reached the UI as a problem: a failed call (AppError), a job's recorded error, alert or
 * batch note, a connection check. `message` matters only for journal records older versions wrote
 * before codes carried params (their English text), `because` is what the problem happened because of.
 */
export interface ProblemLike {
  readonly code: string;
  readonly params?: Params;
  readonly message?: string;
  readonly because?: { readonly code: string; readonly params?: Params };
}

const ERRNO = /^[A-Z][A-Z0-9_]+$/;

/** The params as the words quote them: lists joined, a network `detail` in plain words (`why`), Target's silence said. */
function shown(t: TFunction, params: Params): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    out[key] = Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(', ') : (value as string | number);
  }
  const detail = params.detail;
  if (typeof detail === 'string') out.why = ERRNO.test(detail) ? t(`errors.errno.${detail}`, { defaultValue: detail }) : detail;
  if (typeof params.said !== 'string' || params.said === '') out.said = t('errors.noMessage');
  return out;
}

/** The words of one code in the current language: its sentence, or the sentence of its `variant`. */
function codeText(t: TFunction, code: string, params: Params): string {
  const key = typeof params.variant === 'string' ? `errors.codes.${code}.${params.variant}` : `errors.codes.${code}`;
  return t(key, shown(t, params));
}

/**
 * Puts any problem into words in the current language. A registry code reads as its sentence with
 * its params (then what it happened `because` of); a journal record written before codes carried
 * params reads as it was recorded; a code this build does not know reads as its message, else as an
 * internal problem. Never shows a stack or a log rendering.
 */
export function problemText(t: TFunction, problem: ProblemLike): string {
  if (!isErrorCode(problem.code)) return problem.message ?? t('errors.codes.internal');
  if (problem.params === undefined && problem.message !== undefined && problem.code !== 'internal') return problem.message;
  const words = codeText(t, problem.code, problem.params ?? {});
  return problem.because ? `${words} ${problemText(t, problem.because)}` : words;
}

/** Puts anything a call threw into words: an AppCallError by its code, anything else as an internal problem (never its developer text). */
export function thrownText(t: TFunction, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return isErrorCode(code) ? problemText(t, error as ProblemLike) : t('errors.codes.internal');
}
