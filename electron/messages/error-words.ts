// The CLI's English words for every registry code (shared/contract/errors.ts). Typed against the
// registry: a code without words here does not build. Also used where the Node side writes words with no
// UI language to choose from (the result CSV, the console of a host that cannot start).
import { isErrorCode, type ErrorCode, type ErrorParams, type ParamValue } from '../../shared/contract/errors.js';
import { ADOBE_ADMIN_API_URL, ADOBE_IMS_URL } from '../../shared/contract/connections.js';
import { counted } from './plural.js';

type ErrorWords = { readonly [C in ErrorCode]: (p: ErrorParams<C>) => string };

const quoted = (list: readonly string[]): string => list.map((s) => `"${s}"`).join(', ');
const saveAgain = 'Open it in Excel and save it again, or export it as CSV.';
const pickTable = 'Choose a CSV, TSV, TXT or XLSX file.';
const binaryKinds = { png: 'a PNG image', jpeg: 'a JPEG image', gif: 'a GIF image', pdf: 'a PDF document', gzip: 'a gzip archive', rar: 'a RAR archive', '7z': 'a 7-Zip archive', program: 'a program', binary: 'binary data' } as const;
const damage = {
  'no-end': () => 'the end of the file is missing',
  'toc-broken': () => 'the table of contents is broken',
  'no-sheets': () => 'it lists no sheets',
  'sheet-missing': (p: ErrorParams<'corrupt-xlsx'>) => `the sheet "${p.sheet ?? ''}" is missing`,
  'part-missing': (p: ErrorParams<'corrupt-xlsx'>) => `${p.part ?? ''} is missing`,
  'part-encrypted': (p: ErrorParams<'corrupt-xlsx'>) => `${p.part ?? ''} is encrypted`,
  'part-unreadable': (p: ErrorParams<'corrupt-xlsx'>) => `${p.part ?? ''} is unreadable`,
  'part-compression': (p: ErrorParams<'corrupt-xlsx'>) => `${p.part ?? ''} uses an unknown compression`,
  'part-inflate': (p: ErrorParams<'corrupt-xlsx'>) => `${p.part ?? ''} does not decompress`,
  'part-checksum': (p: ErrorParams<'corrupt-xlsx'>) => `${p.part ?? ''} fails its checksum`,
  'part-not-xml': (p: ErrorParams<'corrupt-xlsx'>) => `${p.part ?? ''} is not valid XML: ${p.detail ?? ''}`,
} as const;
const writeReasons = {
  denied: 'the app is not allowed to write there',
  'read-only': 'the disk is read-only',
  'folder-gone': 'the folder is gone',
  'folder-in-the-way': 'a folder stands where the file should be',
  'too-many-open': 'too many files are open',
  'disk-error': 'the disk reported an error',
  'too-large': 'the file is too large for this disk',
  other: 'the file could not be written',
} as const;
const workbookLimits = {
  'part-size': (max: string) => `one of its parts is larger than ${max} bytes once unpacked`,
  ratio: (max: string) => `one of its parts unpacks to more than ${max} times its packed size, as archive bombs do`,
  'text-run': (max: string) => `a cell or attribute holds more than ${max} characters`,
  'xml-depth': (max: string) => `its XML nests deeper than ${max} levels`,
  'shared-strings': (max: string) => `it has more than ${max} shared texts`,
  'shared-string-bytes': (max: string) => `its shared texts take more than ${max} bytes`,
  rows: (max: string) => `a row is numbered past Excel's last row, ${max}`,
  columns: (max: string) => `a cell is past Excel's last column (${max} columns)`,
} as const;

const service = { ims: 'Adobe IMS', 'admin-api': 'the Target Admin API' } as const;
const inspectTls = 'If your company inspects TLS traffic, name its root certificate (PEM) as this connection’s CA file.';
const checkClientCode = 'Check the client code (Administration → Implementation in Target)';
/** "a, b or c". */
const orList = (items: readonly string[]): string => (items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`);
/** The help command for a command line (`command` '' for the top level). */
const cliHelp = (command: string): string => (command === '' ? 'profile-loader --help' : `profile-loader ${command} --help`);

/** A connection address that is not a usable URL, naming which one and its usual form. */
function badAddress(what: string, example: string, p: ErrorParams<'invalid-ims-url'>): string {
  return {
    'not-a-url': `"${p.url ?? ''}" is not a URL. Use the form ${example}.`,
    scheme: `The ${what} must start with https:// (got ${p.scheme ?? ''}).`,
    extras: `The ${what} must not carry a user name, password, query or fragment.`,
  }[p.variant];
}

export const errorWords: ErrorWords = {
  'bad-arguments': (p) => `The app sent a request it should not have (${p.call}${p.field ? `, ${p.field}` : ''}: ${p.detail}).`,
  'unknown-call': (p) => `Unknown call "${p.call}".`,
  unauthorized: () => 'This window may not use the app.',
  internal: () => 'Something went wrong inside the app. The details are in its log.',
  'upload-interrupted': () => 'The file did not arrive completely. Try again.',
  'upload-too-large': (p) => `The file is larger than ${p.maxBytes.toLocaleString('en-US')} bytes, the most browser mode accepts (setting browserMode.maxUploadBytes).`,
  'bad-request': (p) => ({ address: 'This address is not valid.', escape: 'The address has a malformed %-escape.', 'content-type': `Send ${p.type ?? 'the right content type'}.` })[p.variant],
  'path-not-allowed': (p) => `In browser mode the app opens only files uploaded through this page, the sample, and its own folders (${p.path}).`,

  'not-found': (p) => `File not found: ${p.path}`,
  unreadable: (p) => (p.variant === 'folder' ? `This is a folder, not a file: ${p.path}` : `The file could not be read (${p.errno ?? 'unknown error'}): ${p.path}`),
  'empty-file': (p) =>
    ({ file: 'The file is empty.', blank: 'The file holds no data, only blank lines.', workbook: 'Every sheet of this workbook is empty.', sheet: `The sheet "${p.sheet ?? ''}" is empty.` })[p.variant],
  'binary-file': (p) => `This file is ${binaryKinds[p.variant]}, not a table. ${pickTable}`,
  'unsupported-format': (p) =>
    ({
      encrypted: 'This workbook is protected with a password. In Excel, remove the password (File › Info › Protect Workbook) or export the sheet as CSV UTF-8.',
      'legacy-xls':
        'This is an old Excel 97–2003 (.xls) workbook or a password-protected workbook, which cannot be read. In Excel, remove any password and use File › Save As › Excel Workbook (.xlsx) or CSV UTF-8.',
      'zip-not-workbook': `This is a zip archive but not an Excel workbook. ${pickTable}`,
    })[p.variant],
  'corrupt-xlsx': (p) =>
    p.variant === 'unreadable' ? `This Excel file is damaged and cannot be read (${p.detail ?? ''}). ${saveAgain}` : `This Excel file is damaged or incomplete (${damage[p.variant](p)}). ${saveAgain}`,
  'workbook-limit': (p) => `This workbook cannot be read safely: ${workbookLimits[p.variant](p.max.toLocaleString('en-US'))} (${p.part}). ${saveAgain}`,
  'no-header': (p) =>
    ({
      blank: 'No header row found: the first rows of the file are blank.',
      'header-row': `Row ${p.row} cannot be the header: it is blank or beyond the first ${p.rows} rows.`,
      'no-sheet': `The workbook has no sheet named "${p.sheet ?? ''}". Sheets: ${(p.sheets ?? []).join(', ')}.`,
      'sheet-header-row': `Row ${p.row} of sheet "${p.sheet ?? ''}" cannot be the header: it is blank or beyond the first ${p.rows} rows.`,
    })[p.variant],
  'line-too-long': (p) =>
    `${p.variant === 'first-line' ? `The first line is longer than ${p.kb} KB` : `Row ${p.row} is longer than ${p.mb} MB without a line break`}. The file may not be a table, or its line breaks are not recognised.`,
  cancelled: (p) => (p.variant === 'read' ? 'Reading the file was cancelled.' : 'Preparing the file was cancelled.'),
  'worker-crashed': () => 'The background worker stopped unexpectedly. The details are in the log.',
  'worker-exited': (p) => `The background worker stopped (exit ${p.exitCode}).`,
  'out-of-memory': (p) => `This file needed more than ${p.mb} MB of memory, so reading it was stopped. Export it as CSV, or split it into smaller files.`,

  'file-not-open': () => 'That file is no longer open.',
  'sample-missing': () => 'The sample file is not part of this installation.',
  'mapping-column-missing': (p) => `The file has no column named ${quoted(p.columns)}. Its columns are: ${quoted(p.headers)}.`,
  'personal-data-refused': (p) => `The column "${p.column}" holds resident registration numbers, which may not be stored in Target at all, so it cannot be sent, not even with --allow-personal-data.`,
  'not-validated': (p) => (p.variant === 'not-run' ? 'Check the file first: the review has not run yet.' : 'Choose the mapping first.'),
  'check-failed': () => 'The file could not be checked because of a problem on our side. The details are in the log.',

  'invalid-token': () => 'The token must be one line of printable characters without spaces. Copy it again from Target (Administration > Implementation > Profile API).',
  'invalid-base-url': (p) =>
    ({
      'not-a-url': `"${p.url ?? ''}" is not a URL. Use the form https://CLIENTCODE.tt.omtrdc.net.`,
      scheme: `The base URL must start with https:// (got ${p.scheme ?? ''}).`,
      extras: 'The base URL must not carry a user name, password, query or fragment.',
    })[p.variant],
  'insecure-base-url': () => 'The base URL must use https:// (Target requires TLS 1.2+); http:// is allowed only for this computer (127.0.0.1, localhost).',
  'profile-not-found': (p) => (p.variant === 'name' ? `No connection named "${p.name ?? ''}". Run "connections list" to see them.` : `No connection with id ${p.id ?? ''}.`),
  'profile-name-taken': (p) => `A connection named "${p.name}" already exists.`,
  'profile-built-in': () => 'The Local sandbox connection is built in and cannot be removed.',
  'invalid-client-secret': () => 'The client secret must be one line without spaces. Copy it again from the Adobe Developer Console (your project → OAuth Server-to-Server → Retrieve client secret).',
  'invalid-ims-url': (p) => badAddress('Adobe IMS address', ADOBE_IMS_URL, p),
  'insecure-ims-url': () => 'The Adobe IMS address must use https:// (Adobe requires TLS 1.2+); http:// is allowed only for this computer (127.0.0.1, localhost).',
  'invalid-admin-api-url': (p) => badAddress('Target Admin API address', ADOBE_ADMIN_API_URL, p),
  'insecure-admin-api-url': () => 'The Target Admin API address must use https:// (Adobe requires TLS 1.2+); http:// is allowed only for this computer (127.0.0.1, localhost).',
  'invalid-expiry': (p) => `"${p.value}" is not a date. Use the form 2026-09-30.`,
  'token-with-sign-in': () => 'This connection signs in with Adobe and gets its token by itself; paste a token only with the "Profile API token" sign-in method.',
  'client-secret-missing': (p) =>
    p.variant === 'save'
      ? 'Enter the client secret of the Adobe Developer Console project (your project → OAuth Server-to-Server → Retrieve client secret).'
      : 'No client secret is saved for this connection: save it with "connections set-secret" (Adobe Developer Console → your project → OAuth Server-to-Server → Retrieve client secret).',
  'ca-file-unreadable': (p) => `The CA file ${p.path} cannot be read (${p.errno ?? 'error'}).`,
  'ca-file-not-pem': (p) => `The CA file ${p.path} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`,
  'token-expiring': (p) =>
    `the token of ${p.name} ${{ soon: `expires in ${counted(p.days, 'day', 'days')}`, today: 'expires today', expired: `expired ${counted(p.days, 'day', 'days')} ago` }[p.variant]} (${p.date}). Generate a new one in Target and save it with "profiles set-token".`,
  'sign-in-refused': (p) => `${service[p.variant]} refused the sign-in: ${p.said ?? `HTTP ${p.status}`}`,
  'sign-in-unreachable': (p) => `Could not reach ${service[p.variant]} (${p.detail}). Check the service address and your network or proxy.`,
  'sign-in-unreadable': (p) => `${service[p.variant]} answered in a form this app does not know (HTTP ${p.status}, no token in the answer).`,
  'insecure-url': (p) =>
    ({
      'not-a-url': `"${p.url ?? ''}" is not a web address this app can call.`,
      scheme: `Target answered with a ${p.scheme ?? ''} address (${p.host ?? ''}); only https is used.`,
      'plain-http': `Not sent: the token would travel unencrypted to ${p.host ?? ''} over plain http. Use an https:// address for this connection.`,
    })[p.variant],

  'job-not-found': (p) => `No job ${p.jobId}. Run "jobs list" to see the jobs.`,
  'job-running': (p) => `Job ${p.jobId} is already running.`,
  'job-not-running': (p) => `Job ${p.jobId} is not running in this app.`,
  'job-locked': (p) =>
    `Job ${p.jobId} is being run by another process (pid ${p.pid}${p.host ? ` on ${p.host}` : ''}${p.since ? `, since ${p.since}` : ''}). Stop that process first, or wait for it to finish.`,
  'journal-corrupt': (p) =>
    p.variant === 'no-start'
      ? `The journal of job ${p.jobId ?? ''} does not start with the job's description.`
      : `The record of job ${p.jobId ?? p.path ?? ''} is damaged${p.line === undefined ? '' : ` at line ${p.line}`} (${p.detail ?? 'unreadable'}).${p.jobId ? ` Run "jobs repair ${p.jobId}" to keep the ${p.kept ?? 0} records before it and continue.` : ''}`,
  'journal-intact': (p) => `The record of job ${p.jobId} is not damaged: there is nothing to repair.`,
  'journal-unrecoverable': (p) => `The record of job ${p.jobId} is damaged at line ${p.line}, before the job's own description: it cannot be recovered.`,
  'journal-repaired': (p) =>
    `The job record was damaged at line ${p.line}; the ${p.kept} records before it were kept${p.batches.length > 0 ? ` and batch ${p.batches.join(', ')} now has an unknown outcome` : ''}. The damaged copy is kept beside the journal.`,
  'disk-full': (p) => `The disk is full (${p.path}): free some space, then try again.`,
  'write-failed': (p) => `Could not write ${p.path}: ${writeReasons[p.variant]}${p.errno ? ` (${p.errno})` : ''}.`,
  'prepared-missing': (p) => `No manifest.json in ${p.dir}: prepare the file first.`,
  'prepared-invalid': (p) => (p.variant === 'not-json' ? `${p.path} is not valid JSON.` : `${p.path} is not a batch manifest (${p.field ?? ''}).`),
  'prepared-blocked': () => 'The file has blocking problems (mapping); fix them before uploading.',
  'nothing-to-send': () => 'No row passed validation: there is nothing to upload.',
  'nothing-to-retry': (p) =>
    ({
      'not-finished': 'The job is not finished yet: resume or cancel it first.',
      'none-failed': 'No row of this job failed or ended unknown: there is nothing to retry.',
      'none-missing': 'The last verification found no missing row: there is nothing to send again.',
    })[p.variant],
  'verify-not-ready': (p) =>
    p.variant === 'not-finished'
      ? `Job ${p.jobId} has not finished yet: verify it once it has (resume or cancel it first).`
      : `No row of job ${p.jobId} was confirmed by Target: there is nothing to verify.`,
  'verify-not-found': (p) => `Job ${p.jobId} has not been verified yet: run "jobs verify ${p.jobId}".`,
  'settings-invalid': (p) => (p.variant === 'not-json' ? `The settings file ${p.path} is not valid JSON.` : `The settings file ${p.path} has a bad value at ${p.field ?? '?'}: ${p.detail ?? 'invalid'}`),

  'auth-failed': (p) => `Target refused the Profile API token (HTTP ${p.status}${p.said ? `: ${p.said}` : ''}). Save the current token for this connection, then resume the job.`,
  network: (p) => ({ submit: `Could not reach Target: ${p.detail}`, status: `Could not read the batch status: ${p.detail}`, fetch: `Could not read profiles from Target: ${p.detail}` })[p.variant],
  'outcome-unknown': (p) =>
    ({
      'connection-broke': `The connection broke after the batch was sent (${p.detail ?? ''}); Target may or may not have accepted it.`,
      'app-stopped': 'The app stopped while this batch was being sent; Target may or may not have it.',
      ask: `Batch ${p.batch}: Target may or may not have it.`,
      'record-lost': `What happened to batch ${p.batch} was lost in the damaged part of the job record; Target may have it.`,
      parked: `Nobody can tell whether Target received batch ${(p.batches ?? []).join(', ')}. Resume with "resend" to send it again, or "give-up" to leave its rows as unknown.`,
    })[p.variant],
  'target-rejected': (p) => `Target refused the batch: ${p.said || '(no message)'}`,
  'target-unreadable': (p) => `Target answered HTTP ${p.status} without success=true (${p.detail}); the batch counts as failed.`,
  'rate-limited': (p) => (p.variant === 'submit' ? `Target is throttling calls (HTTP ${p.status}); waiting before the next call.` : `Target is throttling calls (HTTP ${p.status}).`),
  'server-error': (p) => `Target had a server error (HTTP ${p.status}).`,
  'http-error': (p) => `Target refused the batch with HTTP ${p.status}${p.said ? `: ${p.said}` : ''}.`,
  'status-http-error': (p) => `The batch status answered HTTP ${p.status}.`,
  'status-rejected': (p) => `The batch status said: ${p.said || 'success=false'}`,
  'status-unreadable': (p) => `The batch status could not be read (${p.detail}).`,
  'status-aged-out': (p) =>
    p.variant === 'answered-before'
      ? `Target no longer keeps the status of batch ${p.batch}: it answered before and now says "${p.said}" (Target keeps only its most recent batch statuses, for a limited time). Its rows are counted as unknown; Target may have applied them.`
      : `Target says it does not know batch ${p.batch} ("${p.said}") ${counted(p.minutes ?? 0, 'minute', 'minutes')} after accepting it. Its rows are counted as unknown; Target may have applied them.`,
  'daily-budget-exceeded': (p) =>
    `Batch ${p.batch} (${p.rows} rows) would pass the daily budget of ${p.budget} rows for client ${p.clientCode} (${p.used} used in the last 24 h). ${
      p.fitsAt === undefined ? 'It is larger than the whole budget: prepare smaller batches (--batch-rows).' : `It fits again after ${p.fitsAt}; resume the job then.`
    }`,
  'batch-file-missing': (p) => `The file of batch ${p.batch} (${p.path}) is gone; the job cannot send it. Cancel the job and upload again.`,
  'batch-file-changed': (p) => `The file of batch ${p.batch} (${p.path}) changed after the job was created; it will not be sent. Cancel the job and upload again.`,
  'status-host-not-allowed': (p) => `Target returned a status URL on ${p.host}, which is not in this connection's allowed status hosts. Add it to the connection if you trust it, then resume.`,
  'job-incomplete': () => 'The job stopped with work left; resume it.',
  'not-sent': () => 'Not sent: the job stopped before this batch left.',
  'batch-stuck': (p) => `Target reports batch ${p.batch} as stuck: it will not finish. Its rows are counted as unknown; use "retry failed rows" to send them again.`,
  'poll-deadline': (p) => `Batch ${p.batch} was still not finished ${p.minutes} minutes after Target accepted it; its rows are counted as unknown. Target may still apply them.`,
  'resent-after-unknown': (p) => `Batch ${p.batch}: sending again after an unknown outcome.`,
  'gave-up': (p) => `Gave up after ${p.attempts} attempts.`,
  'job-cancelled': (p) =>
    ({
      'after-accept': 'The job was cancelled before Target finished this batch; Target may still apply it.',
      'maybe-sent': 'The job was cancelled; Target may or may not have this batch.',
      'not-sent': 'Not sent: the job was cancelled.',
    })[p.variant],
  'unknown-resolution': (p) =>
    ({
      'chosen-resend': 'You chose to send batches with an unknown outcome again.',
      'chosen-give-up': 'You chose to leave batches with an unknown outcome as unknown.',
      overlap: `Sending it again could overwrite newer values already sent in batch ${(p.batches ?? []).join(', ')} for the same profiles.`,
      'other-jobs': 'Another job has sent batches to this client code since, and sending again could overwrite its newer values.',
      safe: 'No newer write to the same profiles exists, so sending the same values again is safe.',
    })[p.variant],

  'check-unreachable': (p) => `Could not reach ${p.url} (${p.detail}). Check the base URL and your network or proxy.`,
  'check-certificate': (p) =>
    ({
      'self-signed': `The certificate of ${p.host} is self-signed and not trusted on this computer (${p.errno}). ${inspectTls}`,
      'untrusted-issuer': `The certificate of ${p.host} was issued by an authority this computer does not trust (${p.errno}). ${inspectTls}`,
      expired: `The certificate of ${p.host} has expired (${p.errno}).`,
      'not-yet-valid': `The certificate of ${p.host} is not valid yet; check this computer's clock (${p.errno}).`,
      'wrong-host': `The certificate presented by ${p.host} is for another host name (${p.errno}). Check the address.`,
      'not-https': `${p.host} does not speak https on this address (${p.errno}). Check the address and its port.`,
    })[p.variant],
  'check-answered': (p) => `${p.url} answered${p.variant === 'https' ? ' over TLS with a trusted certificate' : ''} (HTTP ${p.status}).`,
  'check-signed-in': () => 'Adobe IMS accepted the client credentials and the Target Admin API issued a Profile API token.',
  'check-token-refused': (p) =>
    p.variant === 'minted' ? `Target refused the token Adobe sign-in minted (HTTP ${p.status}).` : `The saved token was refused (HTTP ${p.status}); it may have been regenerated or may have expired.`,
  'check-token-required': (p) => `This client requires a Profile API token (HTTP ${p.status}); save one.`,
  'check-token-accepted': (p) => (p.variant === 'minted' ? 'Target accepted the token Adobe sign-in minted.' : 'The saved token was accepted.'),
  'check-no-token-needed': () => 'No token is saved and the server did not ask for one.',
  'check-throttled': (p) => `Target could not answer for ${p.clientCode} right now (HTTP ${p.status}); try again in a minute.`,
  'check-client-confirmed': (p) => `The server speaks for client code ${p.clientCode}.`,
  'check-client-other': (p) => `The server speaks for client code ${p.named}, not ${p.clientCode}. ${checkClientCode}.`,
  'check-client-unconfirmed': (p) => `The server does not confirm client code ${p.clientCode} (HTTP ${p.status}${p.said ? `: ${p.said}` : ''}). ${checkClientCode} and the base URL.`,

  'cli-unknown-option': (p) =>
    p.variant === 'closest' ? `Unknown option '${p.option}'. Did you mean '${p.suggestion ?? ''}'?` : `Unknown option '${p.option}'. Run "${cliHelp(p.command)}" for the options.`,
  'cli-option-elsewhere': (p) => `Option '${p.option}' does not go with "${p.command}" and was ignored; it is for ${orList(p.others.map((o) => `"${o}"`))}.`,
  'cli-option-value': (p) => (p.variant === 'missing' ? `Option '${p.option}' needs a value (for a value that starts with "-", write ${p.option}=VALUE).` : `Option '${p.option}' takes no value.`),
  'cli-unknown-command': (p) => {
    const what = p.command === '' ? 'command' : `${p.command} sub-command`;
    if (p.variant === 'closest') return `Unknown ${what} '${p.name}'. Did you mean '${p.suggestion ?? ''}'?`;
    return p.command === '' ? `Unknown command '${p.name}'. Run "profile-loader --help" for the list.` : `Unknown ${what} '${p.name}'; use ${orList(p.choices)}.`;
  },
};

/** A code and its params as they arrive from a journal, a reply or a thrown AppCallError. */
export interface CodedText {
  readonly code: string;
  readonly params?: Readonly<Record<string, ParamValue>>;
  /** A journal record written before codes carried params keeps its English text here. */
  readonly message?: string;
  readonly because?: { readonly code: string; readonly params?: Readonly<Record<string, ParamValue>> };
}

/**
 * The English words for a code and its params (then what it happened `because` of). A journal record
 * written before codes carried params reads as it was recorded; a code this build does not know reads
 * as its message, else as an internal problem. The same rules as the renderer's problemText.
 */
export function describeError(problem: CodedText): string {
  if (!isErrorCode(problem.code)) return problem.message ?? errorWords.internal({});
  if (problem.params === undefined && problem.message !== undefined && problem.code !== 'internal') return problem.message;
  const words = (errorWords[problem.code] as (p: object) => string)(problem.params ?? {});
  return problem.because ? `${words} ${describeError(problem.because)}` : words;
}
