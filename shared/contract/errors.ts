import { z } from 'zod';

const none = z.object({});
const text = z.string();
const int = z.number().int();
const texts = z.array(z.string());
const ints = z.array(z.number().int());
const variant = <const V extends readonly [string, ...string[]]>(...values: V) => z.enum(values);

/**
 * Every code the Node side and `shared/` send to be put into words: failed calls, problems with a
 * file, what an upload met on its way to Target (recorded in job journals), what a connection test
 * found. Each code has the zod shape of the params its words quote (`variant` picks one of several
 * sentences). Codes are stable: scripts, journals and docs key on them. The renderer's tables
 * (`renderer/i18n/<language>/errors.ts`) and the CLI's (`electron/messages/error-words.ts`) are typed
 * against this table, so a code without words does not build.
 */
export const errorCodes = {
  // The front doors (IPC, browser-mode HTTP, the preload).
  /** `detail` is the checker's own diagnostic, for the log. */
  'bad-arguments': z.object({ call: text, field: text, detail: text }),
  'unknown-call': z.object({ call: text }),
  unauthorized: none,
  internal: none,
  'upload-interrupted': none,
  /** Browser mode: an upload larger than the `browserMode.maxUploadBytes` setting (`maxBytes`). */
  'upload-too-large': z.object({ maxBytes: int }),
  /** Browser mode: a request refused before it reaches a call (a malformed address, a wrong content type). */
  'bad-request': z.object({ variant: variant('address', 'escape', 'content-type'), type: text.optional() }),
  /** Browser mode: a path outside the uploads folder, the app's own folders and the sample. */
  'path-not-allowed': z.object({ path: text }),

  // Opening and reading a file (docs/file-formats.md).
  'not-found': z.object({ path: text }),
  unreadable: z.object({ variant: variant('folder', 'io'), path: text, errno: text.optional() }),
  'empty-file': z.object({ variant: variant('file', 'blank', 'workbook', 'sheet'), sheet: text.optional() }),
  'binary-file': z.object({ variant: variant('png', 'jpeg', 'gif', 'pdf', 'gzip', 'rar', '7z', 'program', 'binary') }),
  'unsupported-format': z.object({ variant: variant('encrypted', 'legacy-xls', 'zip-not-workbook') }),
  /** `part`: the damaged part of the workbook; `detail`: the XML reader's own diagnostic. */
  'corrupt-xlsx': z.object({
    variant: variant(
      'no-end',
      'toc-broken',
      'no-sheets',
      'sheet-missing',
      'part-missing',
      'part-encrypted',
      'part-unreadable',
      'part-compression',
      'part-inflate',
      'part-checksum',
      'part-not-xml',
      'unreadable',
    ),
    part: text.optional(),
    sheet: text.optional(),
    detail: text.optional(),
  }),
  /** A crafted or oversized workbook refused before it is read: `variant` names the limit, `max` its value, `part` where. */
  'workbook-limit': z.object({
    variant: variant('part-size', 'ratio', 'text-run', 'xml-depth', 'shared-strings', 'shared-string-bytes', 'rows', 'columns'),
    max: int,
    part: text,
  }),
  /** `rows`: how many rows were searched; `sheets`: the workbook's sheets. */
  'no-header': z.object({ variant: variant('blank', 'header-row', 'no-sheet', 'sheet-header-row'), row: int.optional(), rows: int.optional(), sheet: text.optional(), sheets: texts.optional() }),
  'line-too-long': z.object({ variant: variant('first-line', 'row'), row: int.optional(), kb: int.optional(), mb: int.optional() }),
  cancelled: z.object({ variant: variant('read', 'prepare') }),
  /** `detail`: the worker's own error, for the log. */
  'worker-crashed': z.object({ detail: text.optional() }),
  'worker-exited': z.object({ exitCode: int }),
  /** A file that needed more than the worker's heap (`mb`) to read. */
  'out-of-memory': z.object({ mb: int }),

  // Map and Review.
  'file-not-open': none,
  'sample-missing': none,
  'mapping-column-missing': z.object({ columns: texts, headers: texts }),
  /** A column that may never be sent (a resident registration number, §12.6) named to be sent, or made the identifier. */
  'personal-data-refused': z.object({ column: text, variant: variant('rrn') }),
  'not-validated': z.object({ variant: variant('not-run', 'no-mapping') }),
  'check-failed': none,

  // Connections.
  'invalid-token': none,
  'invalid-base-url': z.object({ variant: variant('not-a-url', 'scheme', 'extras'), url: text.optional(), scheme: text.optional() }),
  'insecure-base-url': none,
  'profile-not-found': z.object({ variant: variant('name', 'id'), name: text.optional(), id: text.optional() }),
  'profile-name-taken': z.object({ name: text }),
  'profile-built-in': none,
  // Adobe sign-in and the connection's other fields (docs/upload-and-jobs.md "Signing in").
  'invalid-client-secret': none,
  'invalid-ims-url': z.object({ variant: variant('not-a-url', 'scheme', 'extras'), url: text.optional(), scheme: text.optional() }),
  'insecure-ims-url': none,
  'invalid-admin-api-url': z.object({ variant: variant('not-a-url', 'scheme', 'extras'), url: text.optional(), scheme: text.optional() }),
  'insecure-admin-api-url': none,
  /** `value`: what was typed as a pasted token's expiry date. */
  'invalid-expiry': z.object({ value: text }),
  'token-with-sign-in': none,
  /** `save`: a new Adobe-sign-in connection without its secret; `sign-in`: none is kept when signing in. */
  'client-secret-missing': z.object({ variant: variant('save', 'sign-in') }),
  /** `errno`: why the file could not be read (ENOENT, EACCES…). */
  'ca-file-unreadable': z.object({ path: text, errno: text.optional() }),
  'ca-file-not-pem': z.object({ path: text }),
  /** A pasted token that expires within the warning window: `days` until (or since) `date` (YYYY-MM-DD). */
  'token-expiring': z.object({ variant: variant('soon', 'today', 'expired'), name: text, days: int, date: text }),
  // Adobe sign-in failed (the variant names the service: IMS or the Target Admin API). `said`: the
  // service's own error text, credentials blanked out; `detail`: an errno code or the network library's words.
  'sign-in-refused': z.object({ variant: variant('ims', 'admin-api'), status: int, said: text.optional() }),
  'sign-in-unreachable': z.object({ variant: variant('ims', 'admin-api'), detail: text }),
  'sign-in-unreadable': z.object({ variant: variant('ims', 'admin-api'), status: int }),
  /** A call refused before it left: not a web address, another scheme, or a token that would travel over plain http to `host`. */
  'insecure-url': z.object({ variant: variant('not-a-url', 'scheme', 'plain-http'), url: text.optional(), scheme: text.optional(), host: text.optional() }),

  // Jobs (docs/upload-and-jobs.md).
  'job-not-found': z.object({ jobId: text }),
  'job-running': z.object({ jobId: text }),
  'job-not-running': z.object({ jobId: text }),
  /** `host`: the computer holding the lock; `since`: when it was taken (ISO time, absent for locks older versions wrote). */
  'job-locked': z.object({ jobId: text, pid: int, host: text.optional(), since: text.optional() }),
  /** `line`: the first damaged line; `kept`: the records before it, which `jobs repair` keeps. */
  'journal-corrupt': z.object({ variant: variant('bad-line', 'no-start'), jobId: text.optional(), path: text.optional(), line: int.optional(), detail: text.optional(), kept: int.optional() }),
  'journal-intact': z.object({ jobId: text }),
  'journal-unrecoverable': z.object({ jobId: text, line: int }),
  /** Recorded as an alert by `jobs repair`: `batches` now have an unknown outcome. */
  'journal-repaired': z.object({ line: int, kept: int, batches: ints }),
  /** A file the app writes (journal, results, prepared batches, settings): the disk or the quota is full. */
  'disk-full': z.object({ path: text }),
  'write-failed': z.object({
    variant: variant('denied', 'read-only', 'folder-gone', 'folder-in-the-way', 'too-many-open', 'disk-error', 'too-large', 'other'),
    path: text,
    errno: text.optional(),
  }),
  'prepared-missing': z.object({ dir: text }),
  'prepared-invalid': z.object({ variant: variant('not-json', 'not-manifest'), path: text, field: text.optional() }),
  'prepared-blocked': none,
  'nothing-to-send': none,
  'nothing-to-retry': z.object({ variant: variant('not-finished', 'none-failed', 'none-missing') }),
  /** Reading a job's rows back (docs/upload-and-jobs.md, "Verification"): the job has not finished, or has no confirmed row to check. */
  'verify-not-ready': z.object({ variant: variant('not-finished', 'no-confirmed-rows'), jobId: text }),
  /** A call about a job's verification before the job was ever verified. */
  'verify-not-found': z.object({ jobId: text }),
  'settings-invalid': z.object({ variant: variant('not-json', 'bad-value'), path: text, field: text.optional(), detail: text.optional() }),

  // What an upload met (recorded in the job's journal). `said`: Target's own message; `detail`: an
  // errno code (ECONNREFUSED…) or the network library's diagnostic; `status`: the HTTP status.
  'auth-failed': z.object({ status: int, said: text.optional() }),
  network: z.object({ variant: variant('submit', 'status', 'fetch'), detail: text }),
  'outcome-unknown': z.object({ variant: variant('connection-broke', 'app-stopped', 'ask', 'parked', 'record-lost'), detail: text.optional(), batch: int.optional(), batches: ints.optional() }),
  'target-rejected': z.object({ said: text }),
  'target-unreadable': z.object({ status: int, detail: text }),
  'rate-limited': z.object({ variant: variant('submit', 'status'), status: int }),
  'server-error': z.object({ status: int }),
  'http-error': z.object({ status: int, said: text.optional() }),
  'status-http-error': z.object({ status: int }),
  'status-rejected': z.object({ said: text }),
  'status-unreadable': z.object({ detail: text }),
  /** Target no longer knows a batch (`said`: its words, "Batch not found"): it answered before, or not `minutes` after accepting it. */
  'status-aged-out': z.object({ variant: variant('answered-before', 'never-answered'), batch: int, said: text, minutes: int.optional() }),
  /** `fitsAt`: when the batch fits again (ISO time), absent when it is larger than the whole budget. */
  'daily-budget-exceeded': z.object({ batch: int, rows: int, budget: int, clientCode: text, used: int, fitsAt: text.optional() }),
  'batch-file-missing': z.object({ batch: int, path: text }),
  'batch-file-changed': z.object({ batch: int, path: text }),
  'status-host-not-allowed': z.object({ host: text }),
  'job-incomplete': none,
  /** A batch the job stopped before it left (its attempt could not be recorded): a resume sends it. */
  'not-sent': none,
  'batch-stuck': z.object({ batch: int }),
  'poll-deadline': z.object({ batch: int, minutes: int }),
  'resent-after-unknown': z.object({ batch: int }),
  'gave-up': z.object({ attempts: int }),
  'job-cancelled': z.object({ variant: variant('after-accept', 'maybe-sent', 'not-sent') }),
  /** Why a batch with an unknown outcome is sent again, left, or asked about (docs/upload-and-jobs.md). */
  'unknown-resolution': z.object({ variant: variant('chosen-resend', 'chosen-give-up', 'overlap', 'other-jobs', 'safe'), batches: ints.optional() }),

  // What "Test connection" found (`connections.test`), passed or failed. A sign-in check that failed carries
  // the sign-in's own code (sign-in-refused…), a CA file problem its ca-file code.
  'check-unreachable': z.object({ url: text, detail: text }),
  /** `errno`: the TLS code (DEPTH_ZERO_SELF_SIGNED_CERT…); `not-https`: the host does not speak TLS on that address. */
  'check-certificate': z.object({ variant: variant('self-signed', 'untrusted-issuer', 'expired', 'not-yet-valid', 'wrong-host', 'not-https'), host: text, errno: text }),
  /** `https`: answered over TLS with a trusted certificate. */
  'check-answered': z.object({ variant: variant('http', 'https'), url: text, status: int }),
  'check-signed-in': none,
  /** `pasted`: the token saved in Settings; `minted`: the one Adobe sign-in made. */
  'check-token-refused': z.object({ variant: variant('pasted', 'minted'), status: int }),
  'check-token-required': z.object({ status: int }),
  'check-token-accepted': z.object({ variant: variant('pasted', 'minted') }),
  'check-no-token-needed': none,
  'check-throttled': z.object({ clientCode: text, status: int }),
  'check-client-confirmed': z.object({ clientCode: text }),
  /** The server speaks for client `named`, not `clientCode`. */
  'check-client-other': z.object({ clientCode: text, named: text }),
  /** `said`: the server's own message, when it gave one. */
  'check-client-unconfirmed': z.object({ clientCode: text, status: int, said: text.optional() }),

  // The command line's own arguments (electron/cli; docs/upload-and-jobs.md "Command line"). `command`:
  // what was run ("upload", "jobs list"; '' for the top level); `suggestion`: the closest valid name.
  /** A flag no part of the command takes: `closest` names the nearest one, `none` points to the help. */
  'cli-unknown-option': z.object({ variant: variant('closest', 'none'), option: text, command: text, suggestion: text.optional() }),
  /** A flag of another sub-command of the same command (`others`: the sub-commands that take it). */
  'cli-option-elsewhere': z.object({ option: text, command: text, others: texts }),
  /** A flag that needs a value and got none, or takes none and got one. */
  'cli-option-value': z.object({ variant: variant('missing', 'unexpected'), option: text }),
  /** A command (or sub-command of `command`) that does not exist: `closest` names the nearest, `choices` lists them all. */
  'cli-unknown-command': z.object({ variant: variant('closest', 'choices'), name: text, command: text, choices: texts, suggestion: text.optional() }),
} as const satisfies Record<string, z.ZodObject>;

export type ErrorCode = keyof typeof errorCodes;
/** The params the words of `C` quote. */
export type ErrorParams<C extends ErrorCode> = z.infer<(typeof errorCodes)[C]>;
/** The sentences a code chooses between (`never` for a code with one sentence). */
export type ErrorVariant<C extends ErrorCode> = ErrorParams<C> extends { readonly variant: infer V extends string } ? V : never;
/** A param value as it crosses the contract and sits in a journal. */
export type ParamValue = string | number | readonly (string | number)[];

/** What happened, as a registry code and the params its words quote. */
export type Reason<C extends ErrorCode = ErrorCode> = { readonly [K in C]: { readonly code: K; readonly params: ErrorParams<K> } }[C];

/** The params argument: optional for a code whose params are all optional. */
export type ParamsArg<C extends ErrorCode> = Record<string, never> extends ErrorParams<C> ? [params?: ErrorParams<C>] : [params: ErrorParams<C>];

/** True when `code` is a registry code. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(errorCodes, code);
}

/** Builds a Reason (a code with its params) for journals and results. */
export function reason<C extends ErrorCode>(code: C, ...[params]: ParamsArg<C>): Reason<C> {
  return { code, params: (params ?? {}) as ErrorParams<C> } as Reason<C>;
}

/**
 * A failed call as it crosses the contract: a registry code, its params, and `message`, a plain
 * rendering of both for logs (`job-not-found {"jobId":"…"}`) — never the words a user reads: the
 * renderer and the CLI put the code into words. Never a stack trace.
 */
export type AppError = { readonly [C in ErrorCode]: { readonly code: C; readonly message: string; readonly params?: ErrorParams<C> } }[ErrorCode];

/** The log rendering of a code and its params (what AppError.message holds). */
function logText(code: string, params: object | undefined): string {
  return params && Object.keys(params).length > 0 ? `${code} ${JSON.stringify(params)}` : code;
}

/** Thrown on the Node side (and rethrown in the renderer) to carry an AppError across the contract. */
export class AppCallError<C extends ErrorCode = ErrorCode> extends Error {
  readonly params: ErrorParams<C>;
  constructor(
    readonly code: C,
    ...[params]: ParamsArg<C>
  ) {
    super(logText(code, params));
    this.name = 'AppCallError';
    this.params = (params ?? {}) as ErrorParams<C>;
  }

  /** Rebuilds the error from its wire form (the renderer's side of a failed call). */
  static from(error: AppError): AppCallError {
    return new AppCallError(error.code, error.params as never);
  }

  /** A plain object safe to serialise over IPC, HTTP or to a worker's parent. */
  toJSON(): AppError {
    return { code: this.code, message: this.message, params: this.params } as AppError;
  }
}

/** True when a value has the AppError shape with a registry code (as it arrives after serialisation). */
export function isAppError(value: unknown): value is AppError {
  return typeof value === 'object' && value !== null && isErrorCode((value as { code?: unknown }).code) && typeof (value as { message?: unknown }).message === 'string';
}
