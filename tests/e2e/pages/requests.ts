import type { Locator, Page } from 'playwright-core';

/**
 * The row of request `id` in My requests, within `scope`. By its subject and its number: the
 * first look lists what was done in the last 30 days, and on a desk kept between runs earlier
 * runs' requests with the same subject are there too.
 */
export const requestRow = (scope: Page | Locator, subject: RegExp, id: string): Locator =>
  scope.getByRole('button', { name: subject }).filter({ hasText: new RegExp(`#${id}(?!\\d)`) });
