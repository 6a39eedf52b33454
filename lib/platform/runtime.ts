// Messaging, permissions and navigation: the small surface the pages and the background use.
import { browser } from 'wxt/browser';
import type { Envelope } from '../messaging/protocol';
import type { Sender } from '../messaging/router';
import type { ExtensionAbout } from '../settings/about';

export const sendMessage = (message: Envelope): Promise<unknown> => browser.runtime.sendMessage(message);

export function extensionIdentity(): { id: string; origin: string } {
  // Not `new URL(...).origin`: for a scheme the URL standard does not know (chrome-extension:,
  // moz-extension:) that is "null" outside the browser (Node, where the tests run).
  return { id: browser.runtime.id, origin: browser.runtime.getURL('/').replace(/\/$/, '') };
}

export function onMessage(listener: (message: unknown, sender: Sender) => Promise<unknown> | undefined): void {
  browser.runtime.onMessage.addListener((message, sender) => listener(message, sender));
}

/** Asks for one origin; must run inside a user gesture on an extension page. */
export function requestOrigin(pattern: string): Promise<boolean> {
  return browser.permissions.request({ origins: [pattern] }).catch(() => false);
}

export async function releaseOrigin(pattern: string): Promise<void> {
  await browser.permissions.remove({ origins: [pattern] });
}

export function hasOrigin(pattern: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [pattern] }).catch(() => false);
}

export async function openUrl(url: string): Promise<void> {
  await browser.tabs.create({ url });
}

export function openOptions(): Promise<void> {
  return browser.runtime.openOptionsPage();
}

/** The tab the popup reports on: `?tab=` when it was opened for one, else the active tab. */
export function targetTabId(search: string): number | undefined {
  const id = Number(new URLSearchParams(search).get('tab'));
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

/** The address of the tab the popup is about (the active tab unless one was named). */
export async function tabUrl(tabId: number | undefined): Promise<string | undefined> {
  const tab =
    tabId !== undefined
      ? await browser.tabs.get(tabId)
      : (await browser.tabs.query({ active: true, lastFocusedWindow: true, windowType: 'normal' }))[0];
  return tab?.url;
}

/** The version, and the permissions held now (the manifest's and those granted since). */
export async function aboutExtension(): Promise<ExtensionAbout> {
  const held = await browser.permissions.getAll();
  return { version: browser.runtime.getManifest().version, permissions: held.permissions ?? [], origins: held.origins ?? [] };
}
