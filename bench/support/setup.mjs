// Shared by the benches: the desk configured through the options page as a person would.
import { configureDesk } from '../../scripts/lib/chromium.mjs';

/** Adds (or replaces) the Request Tracker desk with a personal token; waits for the departments found. */
export async function configureRt(app, baseUrl, token) {
  const page = await configureDesk(app, baseUrl, token);
  await page.close();
}
