/**
 * The UI ↔ Node contract: every call (with its argument schema) and every event. One file per concern
 * (app, files, jobs, connections…) contributes its calls and events here. Electron's preload, the browser-
 * mode host and the tests all derive their types and checks from this object.
 */
import type { ArgsOf, ResultOf } from './define.js';
import { appCalls } from './app.js';
import type { FileEvent } from './files.js';
import { fileCalls } from './files.js';
import type { ReviewEvent } from './review.js';
import { reviewCalls } from './review.js';
import { connectionCalls } from './connections.js';
import type { JobAppEvent } from './jobs.js';
import { jobCalls } from './jobs.js';
import { resultCalls } from './results.js';
import type { VerifyEvent } from './verify.js';
import { verifyCalls } from './verify.js';
import { catalogCalls } from './catalog.js';

export const calls = {
  ...appCalls,
  ...fileCalls,
  ...reviewCalls,
  ...connectionCalls,
  ...jobCalls,
  ...resultCalls,
  ...verifyCalls,
  ...catalogCalls,
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;

/** Every event the Node side pushes to the UI; each carries a `type`. */
export type AppEvent = FileEvent | ReviewEvent | JobAppEvent | VerifyEvent;

/** The API the renderer sees, identical in Electron and in browser mode. */
export type AppApi = {
  readonly [K in CallName]: (args: ArgsOf<Calls[K]>) => Promise<ResultOf<Calls[K]>>;
};

/** True when `name` is a call the contract declares. */
export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(calls, name);
}

export type { AppInfo, HostKind } from './app.js';
export type { FileEvent, FileId, FileSummary, ReadOverrides, RowPage } from './files.js';
export type {
  BulkAction,
  ColumnSuggestion,
  IssueCount,
  MappingSuggestion,
  RecentFile,
  RejectedExport,
  ReviewEvent,
  ReviewFilter,
  ReviewIssue,
  ReviewPage,
  ReviewRow,
  ReviewSummary,
  TemplateView,
  TopValues,
  UploadBlock,
} from './review.js';
export type { AppError, ParamValue } from './errors.js';
export { AppCallError, isAppError } from './errors.js';
export type { Reply } from './reply.js';
export { unwrapReply } from './reply.js';
export type { ConnectionCheck, ConnectionView, ConnectionTestResult, ConnectionList, SecretStorageKind } from './connections.js';
export type { JobAppEvent, JobListItem, JobListState, JobResultFile } from './jobs.js';
export type { ResultDownload } from './results.js';
export type { ResultCsvWords, ResultWords } from './result-words.js';
export type { ProfileLookup, RateEstimate, VerifyDiff, VerifyEvent, VerifyOutcome, VerifyProblemRow, VerifyState, VerifyView } from './verify.js';
