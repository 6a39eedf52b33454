// Desk requests per catalog refresh and per opened form: Request Tracker in the real extension
// against the real desk; the other desks through bench/desk-cost.bench.ts (their test servers).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { configureDesk, launchWithExtension, ROOT } from '../scripts/lib/chromium.mjs';
import { countDeskCalls } from './support/setup.mjs';

export async function run({ facts }) {
  const app = await launchWithExtension(join(ROOT, '.output', 'bench', 'chrome-mv3'));
  const page = await configureDesk(app, facts.baseUrl, facts.tokens.alice);
  const deskCalls = await countDeskCalls(app);
  const ask = async (name, request) => {
    await deskCalls.reset();
    const value = await page.evaluate(async ([name, request]) => {
      const r = await chrome.runtime.sendMessage({ channel: 'instant-desk', name, request });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.value;
    }, [name, request]);
    return { value, calls: await deskCalls.read() };
  };
  const refresh = await ask('catalog.refresh', {});
  const form = refresh.value.forms.find((f) => f.name === 'Legal') ?? refresh.value.forms[0];
  const fields = await ask('form.fields', { deskId: form.deskId, formId: form.id });
  const again = await ask('form.fields', { deskId: form.deskId, formId: form.id, maxAgeMs: 600_000 });
  await app.context.close();
  const lines = [
    `Request Tracker: catalog refresh ${refresh.calls} desk request(s) for ${refresh.value.departments.length} departments and ${refresh.value.forms.length} forms (was 16 when every form's fields came with it); opening the Legal form ${fields.calls} more (${fields.value.length} fields), again within 10 min ${again.calls}`,
  ];
  const out = execFileSync('npx', ['vitest', 'run', '-c', 'vitest.bench.config.ts', '--reporter=dot'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  lines.push(...out.split('\n').flatMap((l) => /BENCH (.*)$/.exec(l)?.[1] ?? []));
  return lines;
}
