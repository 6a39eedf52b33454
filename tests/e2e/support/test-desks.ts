// The Jira Service Management and Zendesk test servers (tests/desks/, every call checked against
// the vendor's OpenAPI document) as the e2e tests use them: started, signed in to as the employee
// alice, set up in the extension through its options page as a person does, and closed with
// no call the specification does not allow.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { createAdapter } from '@/lib/desks/registry';
import type { DeskConfig } from '@/lib/domain';
import type { DeskAdapter } from '@/lib/desks/types';
import type { JsmServer } from '../../desks/jsm/server';
import type { ZendeskServer } from '../../desks/zendesk/server';
import type { Launched } from './browser';

export type TestDeskKind = 'jsm-cloud' | 'zendesk';

/** A started test server as the extension signs in to it: alice's e-mail address and API token. */
export interface TestServer {
  url: string;
  email: string;
  token: string;
  violations: string[];
  close(): Promise<void>;
}

export const signInOf = (s: JsmServer | ZendeskServer): TestServer => ({
  url: s.url,
  email: s.users.alice.email,
  token: s.users.alice.apiToken,
  violations: s.violations,
  close: () => s.close(),
});

/** The desk as the extension keeps it, signed in as alice with her API token. */
export const testDeskConfig = (kind: TestDeskKind, server: TestServer, name = kind): DeskConfig => ({
  id: `${kind}:test`,
  kind,
  name,
  baseUrl: server.url,
  auth: { mode: 'basic', token: server.token },
  email: server.email,
});

/** The desk's adapter in Node (its fetch, no waiting between retries): to file and read as the employee from the test. */
export const testDeskAdapter = (kind: TestDeskKind, server: TestServer): DeskAdapter =>
  createAdapter(testDeskConfig(kind, server), { fetch: (input: string, init?: RequestInit) => fetch(input, init), sleep: async () => undefined });

/**
 * Sets the desk up in the extension through its options page, as a person does, and waits for
 * the departments found; the page is left open for more settings (the caller closes it).
 */
export async function configureTestDesk(app: Launched, kind: TestDeskKind, server: TestServer): Promise<Page> {
  const page = await app.context.newPage();
  await page.goto(app.url('options.html'));
  await page.locator('#desks[aria-busy="false"]').waitFor();
  await page.getByLabel('Desk software', { exact: true }).selectOption(kind);
  await page.getByLabel('Desk address', { exact: true }).fill(server.url);
  // Offered as a choice only where the desk has several ways to sign in (Zendesk).
  const basic = page.getByLabel('With my e-mail address and an API token');
  if ((await basic.count()) > 0) await basic.check();
  await page.getByLabel('Your e-mail address at the desk').fill(server.email);
  await page.getByLabel('API token', { exact: true }).fill(server.token);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('.result').waitFor({ timeout: 20_000 });
  return page;
}

/** Closes the server, then checks that nothing the extension or the test sent broke the vendor's specification. */
export async function closeTestServer(server: TestServer | undefined): Promise<void> {
  const violations = server?.violations ?? [];
  await server?.close();
  expect(violations, 'calls the vendor specification does not allow').toEqual([]);
}
