// Shared by the benches: the desk configured through the options page as a person would.
import { configureDesk } from '../../scripts/lib/chromium.mjs';

/** Adds (or replaces) the Request Tracker desk with a personal token; waits for the departments found. */
export async function configureRt(app, baseUrl, token) {
  const page = await configureDesk(app, baseUrl, token);
  await page.close();
}

/** Counts the service worker's requests to the Request Tracker desk; returns how to reset and read the count. */
export async function countDeskCalls(app) {
  await app.worker.evaluate(() => {
    self.deskCalls = 0;
    const original = self.fetch.bind(self);
    self.fetch = (input, init) => {
      if (String(input).includes('/REST/2.0/')) self.deskCalls++;
      return original(input, init);
    };
  });
  return {
    reset: () => app.worker.evaluate(() => (self.deskCalls = 0)),
    read: () => app.worker.evaluate(() => self.deskCalls),
  };
}
