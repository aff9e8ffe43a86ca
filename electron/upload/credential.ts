import { SignInError } from './adobe-sign-in.js';
import type { RunContext } from './run-context.js';

/** The token for the next call, or `paused` when Adobe sign-in failed (the job is then paused for its token, with IMS's words). */
export async function bearerFor(ctx: RunContext): Promise<{ readonly ok: true; readonly token: string | undefined } | { readonly ok: false }> {
  try {
    return { ok: true, token: await ctx.token() };
  } catch (error) {
    if (!(error instanceof SignInError)) throw error;
    await ctx.requestPause('auth', error.failure);
    return { ok: false };
  }
}

/**
 * After Target refused `refused` (401/403) in the middle of a job: resolves true when the call should be
 * tried again with a renewed token (Adobe sign-in mints one once), false when the job must pause for its
 * token as before — no way to renew, or the renewed token was refused too.
 */
export async function renewedAfterRefusal(ctx: RunContext, refused: string | undefined): Promise<boolean> {
  if (refused !== undefined && refused === ctx.renewedToken) return false;
  try {
    if (!(await ctx.renewToken(refused))) return false;
    ctx.renewedToken = await ctx.token();
    return true;
  } catch (error) {
    if (!(error instanceof SignInError)) throw error;
    return false;
  }
}
