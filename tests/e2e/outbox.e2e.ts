// Exactly once end to end: many submissions through the fault-injection proxy (seeded random
// faults), retried as the extension does ("Try now", the outbox alarm), by employees west and
// east of UTC whose computer clocks are off both ways, with long multi-byte subjects RT cuts,
// several sent at once, and "Cancel and edit" pressed while a timed-out send may still land →
// every request is in Request Tracker exactly once, with its content.
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
/** Employees in New York (UTC−5) and Auckland (UTC+13), their computers' clocks 2 h slow and 90 min fast. */
const SEGMENTS = [
  { who: 'dora', skewMs: -2 * 60 * 60 * 1000 },
  { who: 'kiri', skewMs: 90 * 60 * 1000 },
] as const;
/** RT keeps 200 bytes of a subject: 60 kanji are 180 bytes, after the run's own prefix well over. */
const LONG = '東京本社の会議室のドアが閉まらない件について'.repeat(3);

beforeAll(async () => {
  proxy = await startFaultProxy(facts.baseUrl, { seed: SEED, rate: 0.3, delayMs: TIMEOUT_S * 1000 + 600 });
  app = await launch();
  page = await app.context.newPage();
});
afterAll(async () => {
  await app?.close();
  await proxy?.close();
});

type Result = { ok: boolean; value?: any; error?: { kind: string; detail?: string } };
const send = (name: string, request: unknown) =>
  page.evaluate(([n, r]) => chrome.runtime.sendMessage({ channel: 'instant-desk', name: n, request: r }), [name, request] as const) as Promise<Result>;

/** This computer's clock, as the extension's service worker reads it, moved by `skewMs`. */
const skewClock = (skewMs: number) =>
  app.worker.evaluate((skew) => {
    const real = (Date as any).realNow ?? Date.now.bind(Date);
    (Date as any).realNow = real;
    Date.now = () => real() + skew;
  }, skewMs);

describe('exactly once through a faulty network, in every zone', () => {
  it(`files ${SUBMISSIONS} requests with random faults: none lost, none twice`, async () => {
    const run = `Fault run ${SEED}-${Date.now()}`;
    const stats = { queuedAtFirst: 0, timeouts: 0, concurrent: 0, long: 0, cancels: { landing: 0, filed: 0, returned: 0 } };
    let i = 0;
    for (const [s, segment] of SEGMENTS.entries()) {
      await OptionsPage.configure(page, app.url('options.html'), proxy.url, facts.tokens[segment.who], { timeoutSeconds: TIMEOUT_S });
      await skewClock(segment.skewMs);
      const deskId = `rt:${new URL(proxy.url).host}`;
      const end = Math.round((SUBMISSIONS * (s + 1)) / SEGMENTS.length);
      proxy.faults(true);
      // The first create of each segment is held past the timeout, so the landing window and
      // "Cancel and edit" are exercised whatever the seeded dice hit (they can miss every create
      // the test itself waits on: the alarm's retries and the lookups take their share).
      proxy.force('delay', 'POST', /\/ticket$/);
      while (i < end) {
        // Now and then several at once, as from two popups and a report window.
        const batch = i % 7 === 3 ? Math.min(3, end - i) : 1;
        if (batch > 1) stats.concurrent += batch;
        await Promise.all(Array.from({ length: batch }, (_, k) => fileOne(i + k)));
        i += batch;
      }
      proxy.faults(false);
      expect((await send('outbox.list', {})).value, `outbox empty after ${segment.who}`).toEqual([]);

      async function fileOne(n: number) {
        const long = n % 5 === 2;
        if (long) stats.long++;
        const draft = {
          deskId,
          departmentId: '3',
          formId: '3',
          subject: `${run} #${n}${long ? ` ${LONG}` : ''}`,
          description: `Request number ${n} of the run, from ${segment.who}.`,
          fields: { '4': 'Lab', '5': `R-${n}` },
          excluded: [],
          updatedAt: Date.now(),
        };
        let result = await send('request.submit', { draft, context: { redactions: 0, gaps: [] } });
        if (result.ok && result.value.status === 'queued') stats.queuedAtFirst++;
        // What each try came back with, said should the request never leave the outbox.
        const seen = new Map<string, number>();
        // Bounded by time, not by tries: a create that may have landed is only looked for until
        // its landing window (twice the desk timeout, twice) is over, and with 30% of requests
        // broken a request can need several windows. 61 tries (~18 s, about two windows) were too
        // few once (CI, 2026-12-06: #37 still queued, its last try a look the proxy broke; the same
        // test passed when run again).
        const giveUpAt = Date.now() + 120_000;
        for (let tries = 0; result.ok && result.value?.status === 'queued'; tries++) {
          const said = `${result.value.error?.kind} ${result.value.error?.status ?? ''} ${result.value.error?.detail ?? ''}`.trim();
          seen.set(said, (seen.get(said) ?? 0) + 1);
          if (Date.now() > giveUpAt) {
            const entry = ((await send('outbox.list', {})).value as { clientId: string }[] | undefined)?.find((x) => x.clientId === result.value.clientId);
            throw new Error(`#${n} still queued after ${tries} tries: ${JSON.stringify(result.value.error)}; tries said ${JSON.stringify([...seen])}; its entry ${JSON.stringify({ ...entry, input: undefined })}`);
          }
          const clientId = result.value.clientId;
          if (result.value.error?.kind === 'timeout') {
            stats.timeouts++;
            // Every other time the user presses "Cancel and edit" while the send may still land.
            if (stats.timeouts % 2 === 0) {
              const cancelled = await send('outbox.cancel', { clientId });
              const status = cancelled.value?.status as 'landing' | 'filed' | 'returned' | undefined;
              if (status) stats.cancels[status]++;
              if (status === 'filed') return;
              // Given back only once the desk was checked and had its time: sent again as edited.
              if (status === 'returned') {
                result = await send('request.submit', cancelled.value.input);
                continue;
              }
            }
          }
          // As a person pressing Try now would, not in a tight loop: while a send may still land
          // (it timed out, a gateway gave up, an answer was cut short) tries only look, and a
          // look the proxy breaks too comes back at once.
          await new Promise((r) => setTimeout(r, 250));
          result = await send('outbox.retry', { clientId });
          // Gone from the outbox meanwhile: filed by a concurrent attempt (the alarm).
          if (result.ok && result.value === null) return;
        }
        expect(result.ok, `#${n}: ${JSON.stringify(result.error)}`).toBe(true);
      }
    }
    await skewClock(0);

    const query = encodeURIComponent(`Subject LIKE '${run}'`);
    const tickets: { id: string; Subject: string }[] = [];
    for (let p = 1; p <= Math.ceil(SUBMISSIONS / 100) + 1; p++) {
      tickets.push(...(await rt.call<{ items: { id: string; Subject: string }[] }>(`/tickets?query=${query}&fields=Subject&per_page=100&page=${p}`)).items);
    }
    const perNumber = new Map<number, number>();
    for (const t of tickets) {
      const n = Number(/#(\d+)/.exec(t.Subject)?.[1]);
      perNumber.set(n, (perNumber.get(n) ?? 0) + 1);
    }
    const lost = Array.from({ length: SUBMISSIONS }, (_, n) => n).filter((n) => !perNumber.has(n));
    const duplicated = [...perNumber.entries()].filter(([, c]) => c > 1);
    const faults = Object.entries(proxy.counts).filter(([k]) => k !== 'clean');
    console.log(
      `${SUBMISSIONS} submissions through the fault proxy (seed ${SEED}) by employees in New York (clock 2 h slow) and Auckland (clock 90 min fast): ` +
        `${faults.reduce((n, [, c]) => n + (c ?? 0), 0)} faults injected (${faults.map(([k, c]) => `${k} ${c}`).join(', ')}), ` +
        `${stats.queuedAtFirst} queued at first, ${stats.timeouts} answers timed out, ${stats.concurrent} sent concurrently, ${stats.long} with long multi-byte subjects, ` +
        `Cancel and edit during the landing window: ${stats.cancels.landing} kept waiting, ${stats.cancels.filed} found filed, ${stats.cancels.returned} given back; ` +
        `${perNumber.size} filed, ${lost.length} lost, ${duplicated.length} duplicated`,
    );
    expect(proxy.counts.delay ?? 0, 'the forced delays were held').toBeGreaterThanOrEqual(SEGMENTS.length);
    expect(stats.timeouts, 'answers timed out (or were still being sent)').toBeGreaterThan(0);
    expect(lost).toEqual([]);
    expect(duplicated).toEqual([]);

    // Content intact: a sample read back in full, and a long subject RT cut at 200 bytes.
    const sample = tickets.find((t) => /#7\b/.test(t.Subject)) ?? tickets[0]!;
    const n = Number(/#(\d+)/.exec(sample.Subject)?.[1]);
    const ticket = await rt.ticket(sample.id);
    const fields: Record<string, string[]> = Object.fromEntries(ticket.CustomFields.map((c: { name: string; values: string[] }) => [c.name, c.values]));
    expect({ Building: fields.Building, Room: fields.Room }).toEqual({ Building: ['Lab'], Room: [`R-${n}`] });
    // The desk's other fields (the seed adds some: Page URL, ...) got nothing from this run.
    expect(Object.entries(fields).filter(([name, values]) => !['Building', 'Room'].includes(name) && values.length > 0)).toEqual([]);
    const body = (await rt.attachments(sample.id)).find((a) => a.ContentType === 'text/plain')?.bytes.toString('utf8');
    expect(body).toContain(`Request number ${n} of the run`);
    const cut = tickets.find((t) => t.Subject.includes('東京'));
    if (cut) expect(Buffer.byteLength(cut.Subject)).toBeLessThanOrEqual(200);
  }, 900_000);
});
