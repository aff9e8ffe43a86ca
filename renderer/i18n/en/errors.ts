import type { ErrorTexts } from '../messages.js';

/**
 * English words for every registry code (shared/contract/errors.ts), one sentence per variant where
 * the code has them. Params interpolate by name; `{{why}}` is the `detail` of a network problem in
 * plain words (see `errno`); lists arrive already joined.
 */
const codes = {
  'bad-arguments': 'The app sent a request it should not have. Please report this.',
  'unknown-call': 'The app sent a request it should not have. Please report this.',
  unauthorized: 'This window may not use the app. Open the address the app printed again.',
  internal: 'Something went wrong inside the app. The details are in its log.',
  'upload-interrupted': 'The file did not arrive completely. Try again.',

  'not-found': 'File not found: {{path}}',
  unreadable: { folder: 'This is a folder, not a file: {{path}}', io: 'The file could not be read: {{path}}' },
  'empty-file': {
    file: 'The file is empty.',
    blank: 'The file holds no data, only blank lines.',
    workbook: 'Every sheet of this workbook is empty.',
    sheet: 'The sheet “{{sheet}}” is empty.',
  },
  'binary-file': {
    png: 'This file is a PNG image, not a table. $t(errors.hint.pickTable)',
    jpeg: 'This file is a JPEG image, not a table. $t(errors.hint.pickTable)',
    gif: 'This file is a GIF image, not a table. $t(errors.hint.pickTable)',
    pdf: 'This file is a PDF document, not a table. $t(errors.hint.pickTable)',
    gzip: 'This file is a gzip archive, not a table. $t(errors.hint.pickTable)',
    rar: 'This file is a RAR archive, not a table. $t(errors.hint.pickTable)',
    '7z': 'This file is a 7-Zip archive, not a table. $t(errors.hint.pickTable)',
    program: 'This file is a program, not a table. $t(errors.hint.pickTable)',
    binary: 'This file is binary data, not a table. $t(errors.hint.pickTable)',
  },
  'unsupported-format': {
    encrypted: 'This workbook is protected with a password. In Excel, remove the password (File › Info › Protect Workbook) or export the sheet as CSV UTF-8.',
    'legacy-xls':
      'This is an old Excel 97–2003 (.xls) workbook or a password-protected workbook, which cannot be read. In Excel, remove any password and use File › Save As › Excel Workbook (.xlsx) or CSV UTF-8.',
    'zip-not-workbook': 'This is a zip archive but not an Excel workbook. $t(errors.hint.pickTable)',
  },
  'corrupt-xlsx': {
    'no-end': 'This Excel file is damaged or incomplete (the end of the file is missing). $t(errors.hint.saveAgain)',
    'toc-past-end': 'This Excel file is damaged or incomplete (its table of contents points past the end). $t(errors.hint.saveAgain)',
    'toc-broken': 'This Excel file is damaged or incomplete (its table of contents is broken). $t(errors.hint.saveAgain)',
    'no-sheets': 'This Excel file is damaged or incomplete (it lists no sheets). $t(errors.hint.saveAgain)',
    'sheet-missing': 'This Excel file is damaged or incomplete (the sheet “{{sheet}}” is missing). $t(errors.hint.saveAgain)',
    'part-cut': 'This Excel file is damaged or incomplete ({{part}} is cut off). $t(errors.hint.saveAgain)',
    'part-unreadable': 'This Excel file is damaged or incomplete ({{part}} is unreadable). $t(errors.hint.saveAgain)',
    'part-compression': 'This Excel file is damaged or incomplete ({{part}} uses an unknown compression). $t(errors.hint.saveAgain)',
    'part-inflate': 'This Excel file is damaged or incomplete ({{part}} does not decompress). $t(errors.hint.saveAgain)',
    'part-checksum': 'This Excel file is damaged or incomplete ({{part}} fails its checksum). $t(errors.hint.saveAgain)',
    unreadable: 'This Excel file is damaged and cannot be read. $t(errors.hint.saveAgain)',
  },
  'no-header': {
    blank: 'No header row found: the first rows of the file are blank.',
    'header-row': 'Row {{row, number}} cannot be the header: it is blank or beyond the first {{rows, number}} rows.',
    'no-sheet': 'The workbook has no sheet named “{{sheet}}”. Its sheets: {{sheets}}.',
    'sheet-header-row': 'Row {{row, number}} of sheet “{{sheet}}” cannot be the header: it is blank or beyond the first {{rows, number}} rows.',
  },
  'line-too-long': {
    'first-line': 'The first line is longer than {{kb}} KB. The file may not be a table, or its line breaks are not recognised.',
    row: 'Row {{row, number}} is longer than {{mb}} MB without a line break. The file may not be a table, or its line breaks are not recognised.',
  },
  cancelled: { read: 'Reading the file was cancelled.', prepare: 'Checking the file was cancelled.' },
  'worker-crashed': 'The app stopped working on this file unexpectedly. Try again; the details are in its log.',
  'worker-exited': 'The app stopped working on this file unexpectedly. Try again; the details are in its log.',

  'file-not-open': 'That file is no longer open. Load it again.',
  'sample-missing': 'The sample file is not part of this installation.',
  'mapping-column-missing': 'The file has no column named {{columns}}. Its columns are: {{headers}}.',
  'not-validated': { 'not-run': 'Check the file first: the review has not run yet.', 'no-mapping': 'Choose the mapping first.' },
  'check-failed': 'The file could not be checked because of a problem on our side. The details are in the log.',

  'invalid-token': 'The token must be one line without spaces. Copy it again from Target (Administration > Implementation > Profile API).',
  'invalid-base-url': {
    'not-a-url': 'The address is not a valid web address. Use the form https://CLIENTCODE.tt.omtrdc.net.',
    scheme: 'The address must start with https://.',
    extras: 'The address must not carry a user name, password, query or fragment.',
  },
  'insecure-base-url': 'The address must start with https:// (http:// is allowed only for this computer).',
  'profile-not-found': {
    name: 'This connection no longer exists. Open Settings to check your connections.',
    id: 'This connection no longer exists. Open Settings to check your connections.',
  },
  'profile-name-taken': 'A connection with this name already exists. Choose another name.',
  'profile-built-in': 'The Local sandbox is built in and cannot be removed.',

  'job-not-found': 'This upload can no longer be found on this computer.',
  'job-running': 'This upload is already running.',
  'job-not-running': 'This upload is not running in this app right now.',
  'job-locked': 'This upload is being sent by another program on this computer (process {{pid}}). Stop it there first, or wait for it to finish.',
  'journal-corrupt': {
    'bad-line': 'The record of this upload is damaged, so it cannot be shown or resumed.',
    'no-start': 'The record of this upload is damaged, so it cannot be shown or resumed.',
  },
  'prepared-missing': 'The checked file is no longer on this computer. Run the Review step again.',
  'prepared-invalid': { 'not-json': 'The checked file is damaged. Run the Review step again.', 'not-manifest': 'The checked file is damaged. Run the Review step again.' },
  'prepared-blocked': 'The file still has blocking problems. Fix them in Review first.',
  'nothing-to-send': 'No row passed the checks: there is nothing to send.',
  'nothing-to-retry': {
    'not-finished': 'This upload has not finished yet: resume or cancel it first.',
    'none-failed': 'No row failed or has an unknown outcome: there is nothing to retry.',
  },
  'settings-invalid': {
    'not-json': 'The settings file {{path}} is not valid JSON.',
    'bad-value': 'The settings file {{path}} has a bad value at {{field}}.',
  },

  'auth-failed': 'Target refused the token of this connection (HTTP {{status}}). Save the current token, then resume.',
  network: { submit: 'Could not reach Target: {{why}}.', status: 'Could not read the batch status: {{why}}.' },
  'outcome-unknown': {
    'connection-broke': 'The connection broke after the batch was sent ({{why}}); Target may or may not have accepted it.',
    'app-stopped': 'The app stopped while this batch was being sent; Target may or may not have it.',
    ask: 'Batch {{batch}}: Target may or may not have it.',
    parked: 'Nobody can tell whether Target received batch {{batches}}.',
  },
  'target-rejected': 'Target refused the batch: {{said}}',
  'target-unreadable': 'Target answered HTTP {{status}} without saying the batch was accepted; the batch counts as failed.',
  'rate-limited': { submit: 'Target is throttling calls (HTTP {{status}}); waiting before the next call.', status: 'Target is throttling calls (HTTP {{status}}).' },
  'server-error': 'Target had a server error (HTTP {{status}}).',
  'http-error': 'Target refused the batch with HTTP {{status}}.',
  'status-http-error': 'The batch status answered HTTP {{status}}.',
  'status-rejected': 'The batch status said: {{said}}',
  'status-unreadable': 'The batch status could not be read.',
  'daily-budget-exceeded': 'Batch {{batch}} ({{rows, number}} rows) would pass the daily limit of {{budget, number}} rows for client {{clientCode}} ({{used, number}} used in the last 24 hours).',
  'batch-file-missing': 'The file of batch {{batch}} is gone; this upload cannot send it. Cancel it and upload again.',
  'batch-file-changed': 'The file of batch {{batch}} changed after this upload was created; it will not be sent. Cancel it and upload again.',
  'status-host-not-allowed': 'Target returned a status address on {{host}}, which is not among this connection’s allowed status hosts.',
  'job-incomplete': 'The upload stopped with work left.',
  'batch-stuck': 'Target reports batch {{batch}} as stuck: it will not finish. Its rows are counted as unknown; send them again from Results.',
  'poll-deadline': 'Batch {{batch}} was still not finished {{minutes, number}} minutes after Target accepted it; its rows are counted as unknown. Target may still apply them.',
  'resent-after-unknown': 'Batch {{batch}}: sending again after an unknown outcome.',
  'gave-up': 'Gave up after {{attempts}} attempts.',
  'job-cancelled': {
    'after-accept': 'The upload was cancelled before Target finished this batch; Target may still apply it.',
    'maybe-sent': 'The upload was cancelled; Target may or may not have this batch.',
    'not-sent': 'Not sent: the upload was cancelled.',
  },
  'unknown-resolution': {
    'chosen-resend': 'You chose to send batches with an unknown outcome again.',
    'chosen-give-up': 'You chose to leave batches with an unknown outcome as unknown.',
    overlap: 'Sending it again could overwrite newer values already sent in batch {{batches}} for the same profiles.',
    'other-jobs': 'Another upload has sent batches to this client code since, and sending again could overwrite its newer values.',
    safe: 'No newer write to the same profiles exists, so sending the same values again is safe.',
  },

  'check-unreachable': 'Could not reach {{url}}: {{why}}. Check the address and your network or proxy.',
  'check-answered': '{{url}} answered (HTTP {{status}}).',
  'check-client-known': 'Client code {{clientCode}} is known to the server.',
  'check-token-refused': 'The saved token was refused (HTTP {{status}}); it may have been regenerated or may have expired.',
  'check-token-required': 'This client requires a Profile API token (HTTP {{status}}); save one.',
  'check-no-endpoint': 'No batchUpdate endpoint for client code {{clientCode}} at this address (HTTP 404).',
  'check-throttled': 'Target is throttling calls for {{clientCode}} right now (HTTP {{status}}); try again in a minute.',
  'check-endpoint-ok': 'The batchUpdate endpoint of {{clientCode}} answered as Target does.',
  'check-token-accepted': 'The saved token was accepted.',
  'check-no-token-needed': 'No token is saved and the server did not ask for one.',
  'check-not-target': 'The server’s answer (HTTP {{status}}) does not look like Target’s batchUpdate.',
} as const satisfies ErrorTexts;

/** English text of problems: every registry code, network errno codes in plain words, shared hints. */
export const errors = {
  generic: 'Something went wrong: {{message}}',
  /** Stands in for Target's own message when it gave none. */
  noMessage: '(no message)',
  codes,
  /** Plain words for the errno codes a connection meets; a code not listed is shown as it is. */
  errno: {
    ECONNREFUSED: 'the address refused the connection',
    ECONNRESET: 'the connection was cut off',
    ETIMEDOUT: 'no answer came in time',
    ENOTFOUND: 'the address could not be found',
    EAI_AGAIN: 'the address could not be looked up right now',
    EHOSTUNREACH: 'the address cannot be reached from this network',
    ENETUNREACH: 'this computer is not connected to a network that reaches the address',
    EPIPE: 'the connection was closed while sending',
    ECONNABORTED: 'the connection was closed',
    ABORTED: 'the request was stopped',
    ERR_INVALID_URL: 'the address is not a valid web address',
    ERR_UNSUPPORTED_SCHEME: 'the address does not start with http:// or https://',
    CERT_HAS_EXPIRED: 'the server’s certificate has expired',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'the server’s certificate is self-signed',
    SELF_SIGNED_CERT_IN_CHAIN: 'the server’s certificate chain is self-signed',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server’s certificate cannot be verified',
    ERR_TLS_CERT_ALTNAME_INVALID: 'the server’s certificate is for another address',
  },
  hint: {
    pickTable: 'Choose a CSV, TSV, TXT or XLSX file.',
    saveAgain: 'Open it in Excel and save it again, or export it as CSV.',
  },
} as const;
