// One set-up for the end-to-end files: the built extension in Chromium, optionally the local
// intranet page to report on, optionally the desk configured (as Alice) through the options page.
import { afterAll, beforeAll } from 'vitest';
import { OptionsPage } from '../pages/options';
import { launch, type Launched } from './browser';
import { deskFacts } from './desk';
import { startSite } from './site';

export interface Env {
  app: Launched;
  site: Awaited<ReturnType<typeof startSite>>;
}

export function withExtension(options: { site?: boolean; configure?: boolean; before?: () => Promise<void> } = {}): Env {
  const env = {} as Env;
  beforeAll(async () => {
    await options.before?.();
    if (options.site) env.site = await startSite();
    env.app = await launch();
    if (options.configure) {
      const facts = deskFacts();
      const page = await env.app.context.newPage();
      await OptionsPage.configure(page, env.app.url('options.html'), facts.baseUrl, facts.tokens.alice);
      await page.close();
    }
  });
  afterAll(async () => {
    await env.app?.close();
    await env.site?.close();
  });
  return env;
}
