// "Ask for an update" against the JSM test server (every call checked against Atlassian's
// document): once per promise period, only when late, and posted once even when the answer is lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNudges } from '@/lib/background/nudges';
import type { Item } from '@/lib/background/tracker';
import { createAdapter } from '@/lib/desks/registry';
import type { Catalog, DeskConfig, DeskError, DeskFailure, TicketSummary } from '@/lib/domain';
import { t } from '@/lib/i18n';
import { describeError } from '@/lib/i18n/describe';
import type { Nudge } from '@/lib/requests/nudge';
import type { CatalogConfig } from '@/lib/settings/policy';
import { keyOf, type Snapshot } from '@/lib/tracking/snapshot';
import { startJsmServer, type JsmServer } from '../../desks/jsm/server';

const HOUR = 3_600_000;

function item<T>(value: T): Item<T> {
  return {
    getValue: async () => structuredClone(value),
    setValue: async (next) => {
      value = structuredClone(next);
    },
  };
}

let server: JsmServer;
beforeAll(async () => {
  server = await startJsmServer({ mode: 'cloud' });
});
afterAll(() => server.close());

/** A request filed by alice, the catalog, and the nudges as the background builds them, with a clock we set. */
async function setup(opts: { promise?: string; loseAnswers?: number; config?: (settings: CatalogConfig) => Promise<CatalogConfig> } = {}) {
  const alice = server.users.alice;
  const config: DeskConfig = { id: 'jsm-cloud:test', kind: 'jsm-cloud', name: 'Legal', baseUrl: server.url, auth: { mode: 'basic', token: alice.apiToken }, email: alice.email };
  let lose = opts.loseAnswers ?? 0;
  const fetch = async (url: string, init?: RequestInit) => {
    const res = await globalThis.fetch(url, init);
    // The comment reached the desk, but its answer never reached us.
    if (init?.method === 'POST' && url.endsWith('/comment') && lose-- > 0) throw new TypeError('Failed to fetch');
    return res;
  };
  const adapter = createAdapter(config, { fetch, sleep: async () => undefined });
  const me = await adapter.whoAmI();
  const ref = (
    await adapter.createRequest({
      clientId: crypto.randomUUID(),
      departmentId: '1:11',
      formId: '1/102',
      subject: 'Contract review for ACME',
      body: 'Please review the attached terms.',
      fields: { customfield_10010: '10101' },
      attachments: [],
      requester: me,
    })
  ).ref;
  const desk = await adapter.listCatalog();
  const listed = (await adapter.listMyRequests({ includeOpen: true })).requests.find((r) => r.ref.key === ref.key) as TicketSummary;
  const department = desk.departments.find((d) => d.id === listed.departmentId) ?? desk.departments.find((d) => d.id === '1:11');
  const catalog: Catalog = { ...desk, fetchedAt: 0 } as Catalog;
  const settings: CatalogConfig = { departments: { [department?.name ?? '']: { firstResponse: opts.promise ?? '1 hour' } } };
  const snapshot = item<Snapshot | null>({ watermarks: {}, syncedAt: 0, reconciledAt: 0, requests: [{ ...listed, unseen: false }] });
  let now = Date.parse(listed.created as string) + 3 * HOUR;
  const scheduled: number[] = [];
  const store = item<Record<string, Nudge>>({});
  /** The background's nudges, as a (new) worker builds them over a store. */
  const worker = (nudgesStore: Item<Record<string, Nudge>> = store) =>
    createNudges({
      nudges: nudgesStore,
      snapshot,
      catalog: item<Catalog | null>(catalog),
      config: () => (opts.config ? opts.config(settings) : Promise.resolve(settings)),
      deskOf: async () => adapter,
      now: () => now,
      zone: () => 'UTC',
      schedule: async (ms) => void scheduled.push(ms),
    });
  const nudges = worker();
  const stored = () => server.state.requests.find((r) => r.issueKey === ref.key);
  const copies = () => stored()?.comments.filter((c) => c.author === alice.accountId && c.body.includes('where this request stands')) ?? [];
  return { nudges, worker, key: keyOf(listed), copies, stored, scheduled, store, later: (ms: number) => (now += ms), snapshot };
}

describe('Ask for an update', { timeout: 30_000 }, () => {
  it('posts one public comment, and refuses a second within the promise period', async () => {
    const s = await setup();
    const sent = await s.nudges.ask(s.key);
    expect(sent.sentAt).toBeDefined();
    expect(s.copies()).toHaveLength(1);
    expect(s.copies()[0]?.public).toBe(true);
    const again = await s.nudges.ask(s.key).catch((err: DeskFailure) => err.error);
    expect(again).toMatchObject({ kind: 'rejected', detail: 'nudge.refused.asked' });
    // The user reads the locale's words for the code, not the code.
    expect(describeError(again as DeskError).message).toBe(t('nudge.refused.asked'));
    s.later(30 * 60_000);
    await expect(s.nudges.ask(s.key)).rejects.toMatchObject({ error: { kind: 'rejected' } });
    expect(s.copies()).toHaveLength(1);
    // A promise period (1 h) after asking, it may be asked again.
    s.later(31 * 60_000);
    expect((await s.nudges.ask(s.key)).sentAt).toBeDefined();
    expect(s.copies()).toHaveLength(2);
    expect(server.violations).toEqual([]);
  });

  it('posts it once when the answer to the first attempt is lost', async () => {
    const s = await setup({ loseAnswers: 1 });
    const first = await s.nudges.ask(s.key);
    expect(first.sentAt).toBeUndefined();
    expect(first).toMatchObject({ lastError: { kind: 'offline' }, held: false, before: 0 });
    // Due again before the attempt, and after it failed.
    expect(s.scheduled.length).toBeGreaterThanOrEqual(2);
    expect(s.copies()).toHaveLength(1);
    // Kept in storage: a new worker (a new createNudges over the same store) finishes it.
    s.later(HOUR);
    const next = s.worker();
    await next.flush();
    expect((await next.list())[s.key]?.sentAt).toBeDefined();
    expect(s.copies()).toHaveLength(1);
    expect(server.violations).toEqual([]);
  });

  it('posts once when two asks for the same request overlap (the first one slow to read the configuration)', async () => {
    let calls = 0;
    const s = await setup({
      config: async (settings) => {
        // Managed storage can take up to 5 s to answer: the first ask waits here the longest.
        if (calls++ === 0) await new Promise((resolve) => setTimeout(resolve, 200));
        return settings;
      },
    });
    const [a, b] = await Promise.all([s.nudges.ask(s.key), s.nudges.ask(s.key)]);
    expect(s.copies()).toHaveLength(1);
    expect(a.sentAt).toBeDefined();
    expect(b).toEqual(a);
    expect(Object.keys(await s.nudges.list())).toEqual([s.key]);
    expect(server.violations).toEqual([]);
  });

  it('does not fail when storage is full: nothing is posted, and the alarm finds it again', async () => {
    const s = await setup({ loseAnswers: 1 });
    // A nudge left waiting (its answer lost), then the disk fills up.
    await s.nudges.ask(s.key);
    s.later(HOUR);
    let full = true;
    const store: Item<Record<string, Nudge>> = {
      getValue: () => s.store.getValue(),
      setValue: async (next) => {
        if (full) throw new Error('QUOTA_BYTES quota exceeded');
        await s.store.setValue(next);
      },
    };
    const next = s.worker(store);
    await expect(next.flush()).resolves.toBeUndefined();
    // Tapped again: says so, and still posts nothing it could not keep.
    await expect(next.ask(s.key)).rejects.toMatchObject({ error: { kind: 'storage-full' } });
    expect((await s.store.getValue())[s.key]?.sentAt).toBeUndefined();
    expect(s.copies()).toHaveLength(1);
    // Room again: the next alarm delivers it (the lost answer had posted it: it is not posted twice).
    full = false;
    await next.flush();
    expect((await s.store.getValue())[s.key]?.sentAt).toBeDefined();
    expect(s.copies()).toHaveLength(1);
    expect(server.violations).toEqual([]);
  });

  it('is refused while the promise still holds, and while the request waits for the user', async () => {
    const s = await setup({ promise: '1 day' });
    await expect(s.nudges.ask(s.key)).rejects.toMatchObject({ error: { kind: 'rejected', detail: 'nudge.refused.notLate' } });
    const snap = (await s.snapshot.getValue()) as Snapshot;
    await s.snapshot.setValue({ ...snap, requests: snap.requests.map((r) => ({ ...r, category: 'waiting', pauses: [{ from: r.updated }] })) });
    s.later(3 * 24 * HOUR);
    await expect(s.nudges.ask(s.key)).rejects.toMatchObject({ error: { kind: 'rejected', detail: 'nudge.refused.notLate' } });
    expect(s.copies()).toHaveLength(0);
  });
});
