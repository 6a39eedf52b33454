// Ratings through their outbox, against the spec-checked JSM and Zendesk test servers, with
// faults injected: offline at Send, an answer lost after the desk took the rating, a worker
// stopped mid-send. Each rating must reach the desk exactly once, and none may be lost.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createRatings, type RatingsDeps } from '@/lib/background/ratings';
import { createAdapter } from '@/lib/desks/registry';
import type { DeskConfig, NewRequest, TicketRef } from '@/lib/domain';
import type { DeskAdapter } from '@/lib/desks/types';
import { ratingOffersItem, ratingOutboxItem } from '@/lib/platform/storage';
import { commentsFor, ratingReply, ratingWay } from '@/lib/requests/rating';
import { validateConfig, type RatingPolicy } from '@/lib/settings/policy';
import { toSatisfaction } from '@/lib/desks/zendesk/mapping';
import { startJsmServer, type JsmServer } from '../../desks/jsm/server';
import { fieldIds, formIds, startZendeskServer, type ZendeskServer } from '../../desks/zendesk/server';

const requester = { id: '', name: '', email: '', displayName: '', staff: false };
const http = (timeoutMs = 5_000) => ({ fetch: (input: string, init?: RequestInit) => fetch(input, init), sleep: async () => undefined, timeoutMs });

/** A clock and ids the test moves, the ratings' alarm recorded. */
function machine(adapter: () => DeskAdapter, kind: DeskConfig['kind'], policy?: RatingPolicy) {
  const state = { now: Date.parse('2026-12-05T09:00:00Z'), ids: 0, alarms: [] as number[] };
  const deps: RatingsDeps = {
    offers: ratingOffersItem,
    outbox: ratingOutboxItem,
    adapterFor: async () => adapter(),
    kindOf: async () => kind,
    policy: async () => policy,
    now: () => state.now,
    newId: () => `rating-${++state.ids}`,
    schedule: async (ms) => void state.alarms.push(ms),
  };
  return { state, deps, ratings: createRatings(deps) };
}

beforeEach(() => fakeBrowser.reset());

describe('JSM feedback through the ratings outbox', () => {
  let server: JsmServer;
  let ref: TicketRef;
  const config = (s: JsmServer, who: 'alice' | 'bob' = 'alice', timeoutMs?: number): DeskConfig => ({
    id: 'jsm:test', kind: 'jsm-cloud', name: 'Legal', baseUrl: s.url, auth: { mode: 'basic', token: s.users[who].apiToken }, email: s.users[who].email, ...(timeoutMs ? { timeoutMs } : {}),
  });
  const feedbackPosts = () => server.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/feedback')).length;

  beforeEach(async () => {
    server = await startJsmServer();
    const alice = createAdapter(config(server), http());
    const request: NewRequest = { clientId: 'c-1', departmentId: '1:11', formId: '1/102', subject: 'Review the NDA', body: 'Please', fields: { customfield_10010: '10101' }, attachments: [], requester };
    ref = (await alice.createRequest(request)).ref;
    server.setStatus(ref.key, 'Resolved', 'DONE');
  });
  afterEach(() => server.close());

  it('offers once, sends with the opt-in header, and the desk holds exactly what was given', async () => {
    const { ratings } = machine(() => createAdapter(config(server), http()), 'jsm-cloud');
    const offered = await ratings.offer([{ key: 'jsm:test/1', ref, subject: 'Review the NDA' }]);
    expect([...offered]).toEqual(['jsm:test/1']);
    expect([...(await ratings.offer([{ key: 'jsm:test/1', ref, subject: 'Review the NDA' }]))]).toEqual([]); // asked once
    const prompts = await ratings.prompts();
    expect(prompts).toMatchObject({ question: 'How did we do?', asks: [{ key: 'jsm:test/1', comment: true }] });
    expect(await ratings.send({ key: 'jsm:test/1', score: 4, comment: '  Quick, thanks  ' })).toEqual({ status: 'sent' });
    expect(server.state.requests[0]?.feedback).toEqual({ rating: 4, comment: 'Quick, thanks' });
    expect(await ratingOutboxItem.getValue()).toEqual([]);
    expect((await ratings.prompts()).asks).toEqual([]);
    expect(feedbackPosts()).toBe(1);
    expect(server.violations).toEqual([]);
  });

  it('offline at Send: kept, retried on the alarm, sent once', async () => {
    let offline = true;
    const { ratings, state } = machine(() => createAdapter(config(server), { ...http(), fetch: (i, init) => (offline ? Promise.reject(new TypeError('Failed to fetch')) : fetch(i, init)) }), 'jsm-cloud');
    await ratings.offer([{ key: 'k', ref, subject: 's' }]);
    const queued = await ratings.send({ key: 'k', score: 2, comment: '' });
    expect(queued).toMatchObject({ status: 'queued', error: { kind: 'offline' } });
    expect(await ratingOutboxItem.getValue()).toHaveLength(1);
    expect(state.alarms.at(-1)).toBeGreaterThan(0);
    // The popup was closed: the prompt shows it is on its way, not asked again.
    expect((await ratings.prompts()).asks[0]?.waiting?.error?.kind).toBe('offline');
    offline = false;
    state.now += 60_000;
    await ratings.flush();
    expect(await ratingOutboxItem.getValue()).toEqual([]);
    expect(server.state.requests[0]?.feedback).toEqual({ rating: 2 });
    expect(feedbackPosts()).toBe(1);
    expect(server.violations).toEqual([]);
  });

  it('an answer lost after the desk took it: the retry looks first and does not post again', async () => {
    let timeoutMs = 100; // the first send gives up before the desk answers; the retry does not
    const { ratings, state } = machine(() => createAdapter(config(server, 'alice', timeoutMs), http()), 'jsm-cloud');
    await ratings.offer([{ key: 'k', ref, subject: 's' }]);
    server.failNext({ delayMs: 400, match: (m, p) => m === 'POST' && p.endsWith('/feedback') });
    expect(await ratings.send({ key: 'k', score: 5, comment: 'Great' })).toMatchObject({ status: 'queued', error: { kind: 'timeout' } });
    await expect.poll(() => server.state.requests[0]?.feedback, { timeout: 5_000 }).toBeDefined(); // the desk finishes what it was sent
    expect(server.state.requests[0]?.feedback).toEqual({ rating: 5, comment: 'Great' });
    state.now += 60_000;
    timeoutMs = 5_000;
    await ratings.flush();
    expect(await ratingOutboxItem.getValue()).toEqual([]);
    expect(feedbackPosts()).toBe(1);
    expect(server.calls.filter((c) => c.method === 'GET' && c.path.endsWith('/feedback'))).toHaveLength(1);
    expect(server.violations).toEqual([]);
  });

  it('a worker stopped mid-send: the next worker finds the attempt in storage and looks before sending', async () => {
    const first = machine(() => createAdapter(config(server), http()), 'jsm-cloud');
    await first.ratings.offer([{ key: 'k', ref, subject: 's' }]);
    // The send started (its attempt stored) and reached the desk, then the worker was stopped.
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const dying = machine(() => ({ ...createAdapter(config(server), http()), rate: async (...args) => {
      await createAdapter(config(server), http()).rate!(...args);
      stop();
      await new Promise(() => undefined); // never answers: the worker is gone
    } }) as DeskAdapter, 'jsm-cloud');
    void dying.ratings.send({ key: 'k', score: 3, comment: '' });
    await stopped;
    expect((await ratingOutboxItem.getValue())[0]?.attempts).toBe(1);
    const next = machine(() => createAdapter(config(server), http()), 'jsm-cloud');
    next.state.now += 10 * 60_000;
    await next.ratings.flush();
    expect(await ratingOutboxItem.getValue()).toEqual([]);
    expect(feedbackPosts()).toBe(1);
    expect(server.violations).toEqual([]);
  });

  it('a rating by someone who is not the reporter is refused (403) and kept for the user, not lost', async () => {
    const { ratings } = machine(() => createAdapter(config(server, 'bob'), http()), 'jsm-cloud');
    await ratings.offer([{ key: 'k', ref, subject: 's' }]);
    expect(await ratings.send({ key: 'k', score: 1, comment: 'Nobody came' })).toMatchObject({ status: 'queued', error: { kind: 'forbidden', status: 403 } });
    const [kept] = await ratingOutboxItem.getValue();
    expect(kept).toMatchObject({ held: true, rating: { score: 1, comment: 'Nobody came' } });
    expect(server.state.requests[0]?.feedback).toBeUndefined();
    expect(server.violations).toEqual([]);
  });
});

describe('Zendesk satisfaction through the ratings outbox', () => {
  let server: ZendeskServer;
  let ref: TicketRef;
  const config = (s: ZendeskServer, who: 'alice' | 'bob' = 'alice', timeoutMs?: number): DeskConfig => ({
    id: 'zendesk:test', kind: 'zendesk', name: 'Acme', baseUrl: s.url, auth: { mode: 'basic', token: s.users[who].apiToken }, email: s.users[who].email, ...(timeoutMs ? { timeoutMs } : {}),
  });
  beforeEach(async () => {
    server = await startZendeskServer();
    const alice = createAdapter(config(server), http());
    ref = (await alice.createRequest({ clientId: 'c-1', departmentId: String(formIds.it), formId: String(formIds.it), subject: 'VPN', body: 'Drops', fields: { [fieldIds.building]: 'hq_north' }, attachments: [], requester })).ref;
    server.setStatus(Number(ref.id), 'solved');
  });
  afterEach(() => server.close());

  it('maps 1-5 to good or bad, and a resend after a lost answer leaves one rating', async () => {
    expect([1, 2, 3, 4, 5].map((score) => toSatisfaction({ score: score as 1 }).satisfaction_rating.score)).toEqual(['bad', 'bad', 'bad', 'good', 'good']);
    let timeoutMs = 100; // the first send gives up before the desk answers; the retry does not
    const { ratings, state } = machine(() => createAdapter(config(server, 'alice', timeoutMs), http()), 'zendesk');
    await ratings.offer([{ key: 'k', ref, subject: 'VPN' }]);
    server.failNext({ delayMs: 400, match: (m, p) => m === 'POST' && p.includes('/satisfaction_rating') });
    expect(await ratings.send({ key: 'k', score: 4, comment: 'Fixed fast' })).toMatchObject({ status: 'queued', error: { kind: 'timeout' } });
    await expect.poll(() => server.state.requests[0]?.satisfaction_rating, { timeout: 5_000 }).toBeDefined();
    const first = server.state.requests[0]?.satisfaction_rating;
    expect(first).toMatchObject({ score: 'good', comment: 'Fixed fast' });
    state.now += 60_000;
    timeoutMs = 5_000;
    await ratings.flush();
    expect(await ratingOutboxItem.getValue()).toEqual([]);
    expect(server.state.requests[0]?.satisfaction_rating).toMatchObject({ id: first?.id, score: 'good', comment: 'Fixed fast' });
    expect(server.violations).toEqual([]);
  });

  it('only the requester may rate: anyone else is refused (403), the rating kept', async () => {
    const { ratings } = machine(() => createAdapter(config(server, 'bob'), http()), 'zendesk');
    await ratings.offer([{ key: 'k', ref, subject: 'VPN' }]);
    expect(await ratings.send({ key: 'k', score: 5, comment: '' })).toMatchObject({ status: 'queued', error: { kind: 'forbidden', status: 403 } });
    expect(await ratingOutboxItem.getValue()).toHaveLength(1);
    expect(server.state.requests[0]?.satisfaction_rating).toBeUndefined();
    expect(server.violations).toEqual([]);
  });
});

describe('offers and policy', () => {
  const ref: TicketRef = { deskId: 'd', id: '7', key: '#7', url: 'https://desk/7' };
  const none = () => ({}) as DeskAdapter;

  it('asks nothing when the policy switches ratings off, and uses the policy\'s question', async () => {
    const off = machine(none, 'rt', { enabled: false });
    expect([...(await off.ratings.offer([{ key: 'd/7', ref, subject: 's' }]))]).toEqual([]);
    expect((await off.ratings.prompts()).asks).toEqual([]);
    const worded = machine(none, 'rt', { question: 'Did Facilities help?' });
    await worded.ratings.offer([{ key: 'd/7', ref, subject: 's' }]);
    expect(await worded.ratings.prompts()).toMatchObject({ question: 'Did Facilities help?', asks: [{ key: 'd/7' }] });
  });

  it('"Not now" is final for that request, and offers go after 30 days', async () => {
    const { ratings, state } = machine(none, 'rt');
    await ratings.offer([{ key: 'd/7', ref, subject: 's' }]);
    await ratings.dismiss('d/7');
    expect((await ratings.prompts()).asks).toEqual([]);
    expect([...(await ratings.offer([{ key: 'd/7', ref, subject: 's' }]))]).toEqual([]);
    state.now += 31 * 24 * 60 * 60 * 1000;
    await ratings.offer([{ key: 'd/8', ref: { ...ref, id: '8' }, subject: 't' }]);
    expect(Object.keys(await ratingOffersItem.getValue())).toEqual(['d/8']);
  });

  it('RT: the field the policy names (a comment only with a comment field), else a reply with the reference', () => {
    const rating = { clientId: 'r-1', score: 3 as const, comment: 'OK' };
    expect(ratingWay('rt', { rtField: 'Satisfaction' }, rating)).toEqual({ kind: 'field', field: 'Satisfaction' });
    expect(commentsFor('rt', { rtField: 'Satisfaction' })).toBe(false);
    expect(commentsFor('rt', { rtField: 'Satisfaction', rtCommentField: 'Satisfaction comment' })).toBe(true);
    expect(ratingWay('rt', undefined, rating)).toEqual({ kind: 'reply', text: ratingReply(rating) });
    expect(ratingReply(rating)).toBe('Rating: 3 of 5\n\nOK\n\nInstant Desk reference: r-1');
    expect(ratingWay('zendesk', { rtField: 'Satisfaction' }, rating)).toEqual({ kind: 'desk' });
    expect(validateConfig({ rating: { enabled: 'no', rtField: '' } }).problems.map((p) => p.key)).toEqual(['rating.enabled', 'rating.rtField']);
  });
});

describe('a request that becomes done', () => {
  it('is offered a rating once, and its notification carries "Rate", which opens the popup\'s rating for it', async () => {
    const { createTracker } = await import('@/lib/background/tracker');
    const { rateUrlOfNotification, urlOfNotification } = await import('@/lib/tracking/notify');
    const storage = await import('@/lib/platform/storage');
    await storage.desksItem.setValue([{ id: 'd', kind: 'rt', name: 'desk', baseUrl: 'https://desk', auth: { mode: 'token', token: 't' } }]);
    const ticket = (status: string, updated: string) => ({
      ref: { deskId: 'd', id: '7', key: '#7', url: 'https://desk/Ticket/Display.html?id=7' }, subject: 'Door sticks', departmentId: '3', status, category: status === 'resolved' ? ('done' as const) : ('open' as const), updated,
    });
    let listed = [ticket('open', '2026-12-05T08:00:00Z')];
    const adapter = { listMyRequests: async () => ({ requests: listed, cursor: listed[0]!.updated }), recentActivity: async () => ({}) } as unknown as DeskAdapter;
    const { ratings } = machine(() => adapter, 'rt');
    const notify = vi.fn(async () => undefined);
    const tracker = createTracker({
      desks: storage.desksItem, snapshot: storage.snapshotItem, syncState: storage.syncStateItem, preferences: storage.preferencesItem,
      adapterFor: async () => adapter, now: () => Date.parse('2026-12-05T09:00:00Z'), showBadge: async () => undefined, notify, schedule: async () => undefined,
      listUrl: 'chrome-extension://id/popup.html#requests', ratings,
    });
    await tracker.sync();
    listed = [ticket('resolved', '2026-12-05T08:30:00Z')];
    await tracker.sync();
    const [spec] = (notify.mock.calls.at(-1) as unknown as [{ id: string; button?: { title: string; url: string } }[]])[0];
    expect(spec?.button).toEqual({ title: 'Rate', url: 'chrome-extension://id/popup.html?rate=d%2F7#requests' });
    expect(urlOfNotification(spec!.id)).toBe('https://desk/Ticket/Display.html?id=7');
    // The id is the request's address alone; "Rate" finds its address from the requests kept.
    expect(spec!.id).toBe('instant-desk|https://desk/Ticket/Display.html?id=7');
    expect(rateUrlOfNotification(spec!.id, (await storage.snapshotItem.getValue())?.requests ?? [], 'chrome-extension://id/popup.html#requests')).toBe(spec!.button!.url);
    expect(rateUrlOfNotification('instant-desk|https://desk/Ticket/Display.html?id=8', (await storage.snapshotItem.getValue())?.requests ?? [], 'chrome-extension://id/popup.html#requests')).toBeUndefined();
    expect((await ratings.prompts()).asks.map((a) => a.key)).toEqual(['d/7']);
    // Reopened and resolved again: not asked a second time.
    listed = [ticket('open', '2026-12-05T08:40:00Z')];
    await tracker.sync();
    listed = [ticket('resolved', '2026-12-05T08:50:00Z')];
    await tracker.sync();
    expect((notify.mock.calls.at(-1) as unknown as [{ button?: unknown }[]])[0][0]?.button).toBeUndefined();
  });
});
