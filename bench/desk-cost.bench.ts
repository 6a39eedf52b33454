// Desk requests per catalog refresh and per opened form, for each desk kind: JSM (Cloud) and
// Zendesk against their spec-checked test servers. Run by bench/catalog.mjs through vitest (the
// servers are TypeScript); prints `BENCH <line>` for the bench runner to show.
import { it } from 'vitest';
import { loadCatalog } from '@/lib/catalog/load';
import { createAdapter } from '@/lib/desks/registry';
import type { DeskConfig } from '@/lib/domain';
import { startJsmServer } from '../tests/desks/jsm/server';
import { startZendeskServer } from '../tests/desks/zendesk/server';

const deps = { fetch: (input: string, init?: RequestInit) => fetch(input, init) };

async function cost(name: string, config: DeskConfig, calls: () => number): Promise<void> {
  const adapter = createAdapter(config, deps);
  const before = calls();
  const catalog = await loadCatalog([{ config, adapter }], Date.now());
  const refresh = calls() - before;
  const form = catalog.forms[0];
  const mark = calls();
  if (form) await adapter.formFields(form.id);
  process.stdout.write(`BENCH ${name}: catalog refresh ${refresh} desk request(s) for ${catalog.departments.length} departments and ${catalog.forms.length} forms; opening a form ${calls() - mark} more\n`);
}

it('desk cost of a catalog', async () => {
  const jsm = await startJsmServer({ mode: 'cloud' });
  try {
    await cost('Jira Service Management', { id: 'jsm', kind: 'jsm-cloud', name: 'JSM', baseUrl: jsm.url, auth: { mode: 'basic', token: jsm.users.alice.apiToken }, email: jsm.users.alice.email }, () => jsm.calls.length);
  } finally {
    await jsm.close();
  }
  const zendesk = await startZendeskServer();
  try {
    const alice = zendesk.users.alice;
    await cost('Zendesk', { id: 'zendesk', kind: 'zendesk', name: 'Zendesk', baseUrl: zendesk.url, auth: { mode: 'basic', token: alice.apiToken }, email: alice.email }, () => zendesk.calls.length);
  } finally {
    await zendesk.close();
  }
}, 60_000);
