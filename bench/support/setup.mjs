// Shared by the popup benches: the desk configured through the options page as a person
// would (the same steps as tests/e2e/pages/options.ts), so the popup has a catalog to show.

/** Adds (or replaces) the Request Tracker desk with a personal token; waits for the departments found. */
export async function configureRt(app, baseUrl, token) {
  const page = await app.context.newPage();
  await page.goto(app.url('options.html'));
  await page.locator('#desks[aria-busy="false"]').waitFor();
  const address = page.getByLabel('Desk address', { exact: true });
  if (!(await address.isVisible())) {
    const edit = page.getByRole('list', { name: 'Configured desks' }).getByRole('button', { name: /^Edit / });
    await ((await edit.count()) > 0 ? edit.first() : page.getByRole('button', { name: 'Add a desk' })).click();
    await address.waitFor();
  }
  const kind = page.getByLabel('Desk software', { exact: true });
  if (await kind.isEnabled()) await kind.selectOption('rt');
  // A saved desk keeps its address (read-only); a new one is typed in.
  if (await address.isEditable()) await address.fill(baseUrl);
  await page.getByLabel('With a personal token').check();
  await page.getByLabel('Personal token', { exact: true }).fill(token);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('.result').waitFor({ timeout: 30_000 });
  await page.close();
}
