/**
 * Returns true when `statusUrl` is http(s) and its host is one of `allowed` (an exact host such as
 * `mboxedge31.tt.omtrdc.net` or `127.0.0.1:4010`, or a `*.suffix` wildcard matching any sub-domain).
 * Never throws; a URL that cannot be parsed is not allowed.
 */
export function isStatusHostAllowed(statusUrl: string, allowed: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(statusUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  const host = url.hostname.toLowerCase();
  const hostPort = url.host.toLowerCase();
  return allowed.some((raw) => {
    const rule = raw.trim().toLowerCase();
    if (rule === '') return false;
    if (rule.startsWith('*.')) return host.endsWith(rule.slice(1));
    return rule === host || rule === hostPort;
  });
}

/** Returns the default allow-list for a connection: its own host and Target's edge hosts. */
export function defaultStatusHosts(baseUrl: string): string[] {
  const hosts = ['*.tt.omtrdc.net'];
  try {
    const url = new URL(baseUrl);
    if (!url.hostname.endsWith('.tt.omtrdc.net')) hosts.unshift(url.host.toLowerCase());
  } catch {
    // An invalid base URL is reported where it is saved; the list just stays Target's.
  }
  return hosts;
}
