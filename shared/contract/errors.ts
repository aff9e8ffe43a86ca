/**
 * A failure a user can meet, as it crosses the contract: a stable code the UI translates and a plain
 * English message for logs and the CLI. Never a stack trace.
 */
export interface AppError {
  readonly code: string;
  readonly message: string;
  /**
   * Optional values the UI interpolates into its translated message (row, column, file name…);
   * `messageKo`, when present, is the same message in Korean.
   */
  readonly params?: Readonly<Record<string, string | number>>;
}

/** The error codes the front doors themselves produce (feature codes live beside their features). */
export const contractErrorCodes = ['bad-arguments', 'unknown-call', 'internal', 'unauthorized', 'not-found'] as const;
export type ContractErrorCode = (typeof contractErrorCodes)[number];

/** Thrown by handlers (and rethrown in the renderer) to carry an AppError across the contract. */
export class AppCallError extends Error implements AppError {
  constructor(
    readonly code: string,
    message: string,
    readonly params?: Readonly<Record<string, string | number>>,
  ) {
    super(message);
    this.name = 'AppCallError';
  }

  /** A plain object safe to serialise over IPC or HTTP. */
  toJSON(): AppError {
    return this.params ? { code: this.code, message: this.message, params: this.params } : { code: this.code, message: this.message };
  }
}

/** True when a value has the AppError shape (as it arrives after serialisation). */
export function isAppError(value: unknown): value is AppError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
