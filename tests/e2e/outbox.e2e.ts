// Issue 6 end to end: many submissions through the fault-injection proxy, with seeded random
// faults, retried as the extension does ("Try now" for the ones waiting on the user, the outbox
// alarm for the rest) → every one is in Request Tracker exactly once, with its content.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Launched } from './support/browser';
import { deskFacts, staff } from './support/desk';
import { startFaultProxy } from './support/fault-proxy';
import { OptionsPage } from './pages/options';

const SUBMISSIONS = Number(process.env.FAULT_SUBMISSIONS ?? 100);
const SEED = Number(process.env.FAULT_SEED ?? 20261123);
const facts = deskFacts();
const rt = staff(facts);
let app: Launched;
let page: Page;
let proxy: Awaited<ReturnType<typeof startFaultProxy>>;

// The desk timeout is shortened so the proxy's "delay" fault (held past it) stays quick.
const TIMEOUT_S = 2;

beforeAll(async () => {
  proxy = await startFaultProxy(facts.baseUrl, { seed: SEED, rate: 0.3, delayMs: TIMEOUT_S * 1000 + 600 });
  app = await launch();
  page = await app.context.newPage();
  await OptionsPage.configure(page, app.url('options.html'), proxy.url, facts.tokens.alice, { timeoutSeconds: TIMEOUT_S });
});
afterAll(async () => {
  await app?.close();
  await proxy?.close();
});

type Result = { ok: boolean; value?: any; error?: { kind: string } };
const send = (name: string, request: unknown) =>
  page.evaluate(([n, r]) => chrome.runtime.sendMessage({ channel: 'instant-desk', name: n, request: r }), [name, request] as const) as Promise<Result>;

describe('exactly once through a faulty network', () => {
  it(`files ${SUBMISSIONS} requests with random faults: none lost, none twice`, async () => {
    const deskId = `rt:${new URL(proxy.url).host}`;
    const run = `Fault run ${SEED}-${Date.now()}`;
    proxy.faults(true);
    let queuedAtFirst = 0;
    let timeouts = 0;
    for (let i = 0; i < SUBMISSIONS; i++) {
      const draft = {
        deskId,
        departmentId: '3',
        formId: '3',
        subject: `${run} #${i}`,
        description: `Request number ${i} of the run.`,
        fields: { '4': 'Lab', '5': `R-${i}` },
        excluded: [],
        updatedAt: Date.now(),
      };
      let result = await send('request.submit', { draft, context: { redactions: 0, gaps: [] } });
      if (result.ok && result.value.status === 'queued') queuedAtFirst++;
      for (let tries = 0; result.ok && result.value?.status === 'queued'; tries++) {
        if (tries > 60) throw new Error(`#${i} still queued: ${JSON.stringify(result.value.error)}`);
        if (result.value.error?.kind === 'timeout') {
          timeouts++;
          // A create that timed out may still land: "Try now" only looks until it could have.
          await new Promise((r) => setTimeout(r, 250));
        }
        // The user's "Try now" (also for requests held after a login page or a broken answer).
        result = await send('outbox.retry', { clientId: result.value.clientId });
      }
      expect(result.ok, `#${i}: ${JSON.stringify(result.error)}`).toBe(true);
    }
    proxy.faults(false);

    const outbox = await send('outbox.list', {});
    expect(outbox.value).toEqual([]);
    const query = encodeURIComponent(`Subject LIKE '${run}'`);
    const found = await rt.call<{ items: { id: string; Subject: string }[] }>(`/tickets?query=${query}&fields=Subject&per_page=100&page=1`);
    const more = SUBMISSIONS > 100 ? await rt.call<{ items: { id: string; Subject: string }[] }>(`/tickets?query=${query}&fields=Subject&per_page=100&page=2`) : { items: [] };
    const subjects = [...found.items, ...more.items].map((t) => t.Subject);
    const perSubject = new Map<string, number>();
    for (const s of subjects) perSubject.set(s, (perSubject.get(s) ?? 0) + 1);
    const lost = Array.from({ length: SUBMISSIONS }, (_, i) => `${run} #${i}`).filter((s) => !perSubject.has(s));
    const duplicated = [...perSubject.entries()].filter(([, n]) => n > 1);
    const faults = Object.entries(proxy.counts).filter(([k]) => k !== 'clean');
    console.log(
      `${SUBMISSIONS} submissions through the fault proxy (seed ${SEED}): ${faults.reduce((n, [, c]) => n + (c ?? 0), 0)} faults injected ` +
        `(${faults.map(([k, c]) => `${k} ${c}`).join(', ')}), ${queuedAtFirst} queued at first; ` +
        `${timeouts} answers timed out; ${perSubject.size} filed, ${lost.length} lost, ${duplicated.length} duplicated`,
    );
    if (proxy.counts.delay) expect(timeouts).toBeGreaterThan(0);
    expect(lost).toEqual([]);
    expect(duplicated).toEqual([]);

    // Content intact: a sample read back in full.
    const sample = found.items.find((t) => t.Subject === `${run} #7`) ?? found.items[0]!;
    const n = Number(/#(\d+)$/.exec(sample.Subject)?.[1]);
    const ticket = await rt.ticket(sample.id);
    expect(Object.fromEntries(ticket.CustomFields.map((c: { name: string; values: string[] }) => [c.name, c.values]))).toEqual({ Building: ['Lab'], Room: [`R-${n}`] });
    const body = (await rt.attachments(sample.id)).find((a) => a.ContentType === 'text/plain')?.bytes.toString('utf8');
    expect(body).toContain(`Request number ${n} of the run.`);
  }, 600_000);
});
