// The browser's OAuth window (the `identity` permission): the only code that opens it. The
// desk's sign-in (lib/desks/zendesk/oauth.ts `signIn`) receives these two as parameters.
import { browser } from 'wxt/browser';

export interface Identity {
  /** Where the desk sends the browser back: register it with the desk's OAuth client. */
  redirectUrl(): string;
  /** Opens `url` and resolves with the URL the flow ended on (carrying the code, or an error). */
  launchAuthFlow(url: string, interactive: boolean): Promise<string>;
}

/** `https://<extension id>.chromiumapp.org/` in Chrome, `https://<hash>.extensions.allizom.org/` in Firefox. */
export function redirectUrl(): string {
  return browser.identity.getRedirectURL();
}

export async function launchAuthFlow(url: string, interactive: boolean): Promise<string> {
  const redirected = await browser.identity.launchWebAuthFlow({ url, interactive });
  // Chrome resolves with nothing when the flow ends without reaching the redirect URL.
  if (!redirected) throw new Error('The sign-in window closed without an answer');
  return redirected;
}

export const identity: Identity = { redirectUrl, launchAuthFlow };
