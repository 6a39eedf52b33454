// Context menus (Firefox: menus, through the same polyfilled API), keyboard commands and the
// small report window.
import { browser } from 'wxt/browser';
import type { MenuClick, MenuTarget } from '../report/build';

export interface MenuSpec {
  id: string;
  title: string;
  context: MenuTarget;
}

/** Recreates our entries from scratch: safe to call on every install and start-up. */
export async function registerMenus(specs: MenuSpec[]): Promise<void> {
  await browser.contextMenus.removeAll();
  for (const spec of specs) {
    browser.contextMenus.create({ id: spec.id, title: spec.title, contexts: [spec.context] });
  }
}

export function onMenuClicked(listener: (click: MenuClick, tab?: { id?: number }) => void): void {
  browser.contextMenus.onClicked.addListener((info, tab) => listener(info, tab));
}

export function onCommand(listener: (command: string, tab?: { id?: number }) => void): void {
  browser.commands.onCommand.addListener((command, tab) => listener(command, tab));
}

export async function activeTabId(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id;
}

/** The report form in its own small window: it stays open while the user looks at the page. */
export async function openReportWindow(tabId?: number): Promise<void> {
  const url = browser.runtime.getURL(`/popup.html?report=1${tabId ? `&tab=${tabId}` : ''}`);
  await browser.windows.create({ url, type: 'popup', width: 420, height: 680 });
}
