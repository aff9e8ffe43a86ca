/**
 * The help pages the app shows links to. In the desktop app these are the only addresses it opens in
 * the user's browser (electron/main/window-policy.ts); anything else a page tries to open is refused.
 */
export const HELP_LINKS = {
  /** Adobe's page on the Profile API settings, where the token comes from. */
  profileApiToken: 'https://experienceleague.adobe.com/en/docs/target-dev/developer/implementation/methods/profile-api-settings',
} as const;

/** True when `url` is exactly one of HELP_LINKS. */
export function isHelpLink(url: string): boolean {
  return (Object.values(HELP_LINKS) as string[]).includes(url);
}
