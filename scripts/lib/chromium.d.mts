// Types for chromium.mjs, so the TypeScript end-to-end tests share the one launcher.
import type { BrowserContext, Page, Worker } from 'playwright-core';

export const ROOT: string;
export interface App {
  context: BrowserContext;
  worker: Worker;
  id: string;
  url(path: string): string;
}
export function launchWithExtension(
  dir: string,
  options?: { headless?: boolean; colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } | null; args?: string[]; profile?: string },
): Promise<App>;
export function configureDesk(app: App, baseUrl: string, token: string): Promise<Page>;
export function openPopupFor(app: App, tabUrl: string): Promise<Page>;
export function clickToolbarButton(app: App, tabUrl: string): Promise<void>;
export function configureCatalog(app: App, config: unknown): Promise<void>;
export function serveSite(): Promise<{ url: string; close(): void }>;
