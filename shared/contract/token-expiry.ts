import { reason, type Reason } from './errors.js';
import { TOKEN_EXPIRY_WARNING_DAYS, type ConnectionView } from './connections.js';

/** Whole days from `now` until `iso` (negative once it passed), or undefined for no date or one that does not parse. */
export function daysUntil(iso: string | null, now = Date.now()): number | undefined {
  if (iso === null) return undefined;
  const at = Date.parse(iso);
  return Number.isFinite(at) ? Math.floor((at - now) / 86_400_000) : undefined;
}

/**
 * The warning a pasted token earns from TOKEN_EXPIRY_WARNING_DAYS days before its known expiry (and
 * once it passed), or null: no known expiry, or Adobe sign-in (which renews its own). The date is kept
 * even where the token is kept for one command only (no OS keychain), so it is judged without the token.
 * Settings, the Upload step and the CLI all warn by this one rule.
 */
export function tokenExpiryWarning(connection: Pick<ConnectionView, 'name' | 'auth' | 'tokenExpiresAt'>, now = Date.now()): Reason<'token-expiring'> | null {
  const days = daysUntil(connection.tokenExpiresAt, now);
  if (days === undefined || connection.tokenExpiresAt === null || connection.auth.kind !== 'token' || days > TOKEN_EXPIRY_WARNING_DAYS) return null;
  const date = connection.tokenExpiresAt.slice(0, 10);
  return reason('token-expiring', { variant: days < 0 ? 'expired' : days === 0 ? 'today' : 'soon', name: connection.name, days: Math.abs(days), date });
}
