// One policy for both hosts: the Electron window (electron/main) and browser mode (electron/web).

/** The Content-Security-Policy of every page the app serves: nothing but its own origin runs or loads, and no form posts anywhere. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
