// A rating reaches the desk once, whoever presses Send and however often; one the desk refused
// (held) is shown with Send again / Discard and tried again after a sign-in; ratings go with
// their offers after 30 days. Against the spec-checked JSM test server.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackground } from '@/lib/background/handlers';
import { createRatings, type RatingsDeps } from '@/lib/background/ratings';
import { createAdapter } from '@/lib/desks/registry';
import type { DeskConfig, NewRequest, TicketRef } from '@/lib/domain';
import { describeError } from '@/lib/i18n/describe';
import { desksItem, ratingOffersItem, ratingOutboxItem } from '@/lib/platform/storage';
import { createClient } from '@/lib/messaging/protocol';
import { createRouter } from '@/lib/messaging/router';
import { deskIdFor } from '@/lib/settings/desk';
import { layer } from '@/lib/settings/policy';
import { backgroundDeps } from '../support/background';
import { startJsmServer, type JsmServer } from '../../desks/jsm/server';

const requester = { id: '', name: '', email: '', displayName: '', staff: false };
const http = () => ({ fetch: (input: string, init?: RequestInit) => fetch(input, init), sleep: async () => undefined, timeoutMs: 5_000 });
const DAY = 24 * 60 * 60 * 1000;

let server: JsmServer;
let ref: TicketRef;
const config = (who: 'alice' | 'bob' = 'alice'): DeskConfig => ({
  id: 'jsm:test', kind: 'jsm-cloud', name: 'Legal', baseUrl: server.url, auth: { mode: 'basic', token: server.users[who].apiToken }, email: server.users[who].email,
});
const feedbackPosts = () => server.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/feedback')).length;

function machine(who: { as: 'alice' | 'bob' }, net: Pick<ReturnType<typeof http>, 'fetch'> = http()) {
  const state = { now: Date.parse('2026-12-05T09:00:00Z'), ids: 0 };
  const deps: RatingsDeps = {
    offers: ratingOffersItem,
    outbox: ratingOutboxItem,
    adapterFor: async () => createAdapter(config(who.as), { ...http(), ...net }),
    kindOf: async () => 'jsm-cloud',
    policy: async () => undefined,
    now: () => state.now,
    newId: () => `rating-${++state.ids}`,
    schedule: async () => undefined,
  };
  return { state, ratings: createRatings(deps) };
}

beforeEach(async () => {
  fakeBrowser.reset();
  server = await startJsmServer();
  const request: NewRequest = { clientId: 'c-1', departmentId: '1:11', formId: '1/102', subject: 'Review the NDA', body: 'Please', fields: { customfield_10010: '10101' }, attachments: [], requester };
  ref = (await createAdapter(config(), http()).createRequest(request)).ref;
  server.setStatus(ref.key, 'Resolved', 'DONE');
});
afterEach(() => server.close());

describe('JSM Data Center', () => {
  it('is asked no "How did we do?" (it has no customer feedback resource), and its adapter offers no rating', async () => {
    const { ratings } = machine({ as: 'alice' });
    const dc: RatingsDeps = { offers: ratingOffersItem, outbox: ratingOutboxItem, adapterFor: async () => createAdapter(config(), http()), kindOf: async () => 'jsm-dc', policy: async () => undefined, now: () => 0, newId: () => 'r', schedule: async () => undefined };
    expect([...(await createRatings(dc).offer([{ key: 'k', ref, subject: 's' }]))]).toEqual([]);
    expect((await createRatings(dc).prompts()).asks).toEqual([]);
    expect([...(await ratings.offer([{ key: 'k', ref, subject: 's' }]))]).toEqual(['k']);
    const dcAdapter = createAdapter({ ...config(), kind: 'jsm-dc', auth: { mode: 'bearer', token: 'pat' } }, http());
    expect(dcAdapter.rate).toBeUndefined();
    expect(dcAdapter.findRating).toBeUndefined();
    expect(createAdapter(config(), http()).rate).toBeTypeOf('function');
  });
});

describe('a rating is sent once', () => {
  it('a second Send after it was sent answers "sent" and posts nothing', async () => {
    const { ratings } = machine({ as: 'alice' });
    await ratings.offer([{ key: 'k', ref, subject: 's' }]);
    expect(await ratings.send({ key: 'k', score: 4, comment: 'Good' })).toEqual({ status: 'sent' });
    expect(await ratings.send({ key: 'k', score: 4, comment: 'Good' })).toEqual({ status: 'sent' });
    expect(await ratings.send({ key: 'k', score: 1, comment: 'Changed my mind' })).toEqual({ status: 'sent' });
    expect(feedbackPosts()).toBe(1);
    expect(server.state.requests[0]?.feedback).toEqual({ rating: 4, comment: 'Good' });
    expect(server.violations).toEqual([]);
  });

  it('two popups pressing Send at once: one rating posted; a different score then is refused, not dropped', async () => {
    const { ratings } = machine({ as: 'alice' });
    await ratings.offer([{ key: 'k', ref, subject: 's' }]);
    const both = await Promise.all([ratings.send({ key: 'k', score: 5, comment: 'Great' }), ratings.send({ key: 'k', score: 5, comment: 'Great' })]);
    expect(both).toEqual([{ status: 'sent' }, { status: 'sent' }]);
    expect(feedbackPosts()).toBe(1);
    await ratings.offer([{ key: 'k2', ref, subject: 's' }]);
    server.state.requests[0]!.feedback = undefined;
    const [first, second] = await Promise.allSettled([ratings.send({ key: 'k2', score: 2, comment: '' }), ratings.send({ key: 'k2', score: 3, comment: '' })]);
    expect(first).toEqual({ status: 'fulfilled', value: { status: 'sent' } });
    expect(second.status === 'rejected' && second.reason.error).toMatchObject({ kind: 'rejected', detail: 'rating.error.onItsWay' });
    expect(describeError((second as PromiseRejectedResult).reason.error).message).toBe("A rating for this request is being sent right now, so it can't be changed.");
    expect(server.state.requests[0]?.feedback).toEqual({ rating: 2 });
    expect(feedbackPosts()).toBe(2);
    expect(server.violations).toEqual([]);
  });

  it('a dismissed request takes no rating', async () => {
    const { ratings } = machine({ as: 'alice' });
    await ratings.offer([{ key: 'k', ref, subject: 's' }]);
    await ratings.dismiss('k');
    await expect(ratings.send({ key: 'k', score: 4, comment: '' })).rejects.toMatchObject({ error: { kind: 'not-found', detail: 'rating.error.gone' } });
    expect(feedbackPosts()).toBe(0);
  });
});

describe('a rating whose answer was lost after its status', () => {
  it('is not replaced by a changed score: the desk took it', async () => {
    // The desk answers 201, then the connection fails while its body is read.
    const { ratings } = machine({ as: 'alice' }, {
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        if (init?.method !== 'POST' || !String(input).endsWith('/feedback')) return res;
        return new Response(new ReadableStream({ start: (c) => c.error(new TypeError('network error')) }), { status: res.status, headers: res.headers });
      },
    });
    await ratings.offer([{ key: 'k', ref, subject: 's' }]);
    expect(await ratings.send({ key: 'k', score: 4, comment: 'Good' })).toMatchObject({ status: 'queued', error: { kind: 'offline', status: 201 } });
    await expect(ratings.send({ key: 'k', score: 1, comment: 'Changed my mind' })).rejects.toMatchObject({ error: { detail: 'rating.error.onItsWay' } });
    expect(server.state.requests[0]?.feedback).toEqual({ rating: 4, comment: 'Good' });
    expect(feedbackPosts()).toBe(1);
    expect(server.violations).toEqual([]);
  });
});

describe('a rating the desk refused (held)', () => {
  it('a changed score replaces the queued one (nothing of it reached the desk); the prompt shows why', async () => {
    const who = { as: 'bob' as 'alice' | 'bob' };
    const { ratings } = machine(who);
    await ratings.offer([{ key: 'k', ref, subject: 's' }]);
    expect(await ratings.send({ key: 'k', score: 1, comment: 'Nobody came' })).toMatchObject({ status: 'queued', error: { kind: 'forbidden' } });
    expect((await ratings.prompts()).asks[0]?.waiting).toEqual({ error: expect.objectContaining({ kind: 'forbidden' }) }); // no nextAt: held
    expect(await ratings.send({ key: 'k', score: 2, comment: 'Slow' })).toMatchObject({ status: 'queued', error: { kind: 'forbidden' } });
    const list = await ratingOutboxItem.getValue();
    expect(list).toHaveLength(1);
    expect(list[0]?.rating).toMatchObject({ score: 2, comment: 'Slow' });
    // "Send again" once signed in as the reporter.
    who.as = 'alice';
    expect(await ratings.retry('k')).toEqual({ status: 'sent' });
    expect(server.state.requests[0]?.feedback).toEqual({ rating: 2, comment: 'Slow' });
    expect(await ratingOutboxItem.getValue()).toEqual([]);
    expect(server.violations).toEqual([]);
  });

  it('Discard drops it and the request is not asked about again', async () => {
    const { ratings } = machine({ as: 'bob' });
    await ratings.offer([{ key: 'k', ref, subject: 's' }]);
    await ratings.send({ key: 'k', score: 1, comment: '' });
    await ratings.discard('k');
    expect(await ratingOutboxItem.getValue()).toEqual([]);
    expect((await ratings.prompts()).asks).toEqual([]);
    expect((await ratingOffersItem.getValue()).k?.state).toBe('dismissed');
  });

  it('is tried again after the desk is saved (a sign-in), and sent', async () => {
    const fetchAs = { fetch: http().fetch };
    const { handlers } = createBackground(backgroundDeps({ fetch: (i, init) => fetchAs.fetch(i, init), settings: async () => layer(undefined, undefined), now: () => Date.parse('2026-12-05T09:00:00Z') }));
    const deskId = deskIdFor('jsm-cloud', server.url)!;
    await desksItem.setValue([{ ...config('bob'), id: deskId }]);
    const router = createRouter(handlers, () => true);
    const client = createClient(async (message) => router(message, { id: 'id', url: 'chrome-extension://id/popup.html' }));
    await ratingOffersItem.setValue({ k: { key: 'k', ref: { ...ref, deskId }, subject: 's', offeredAt: Date.parse('2026-12-05T08:00:00Z'), state: 'offered' } });
    expect(await client.call('ratings.send', { key: 'k', score: 3, comment: '' })).toMatchObject({ ok: true, value: { status: 'queued', error: { kind: 'forbidden' } } });
    expect((await ratingOutboxItem.getValue())[0]?.held).toBe(true);
    const { auth, email } = config('alice');
    const saved = await client.call('desk.save', { input: { kind: 'jsm-cloud', baseUrl: server.url, authMode: 'basic', token: auth.mode === 'basic' ? auth.token : '', email: email ?? '' }, id: deskId });
    expect(saved.ok).toBe(true);
    await expect.poll(async () => ratingOutboxItem.getValue()).toEqual([]);
    expect(server.state.requests[0]?.feedback).toEqual({ rating: 3 });
    expect(server.violations).toEqual([]);
  });

  it('goes with its offer after 30 days', async () => {
    const { ratings, state } = machine({ as: 'bob' });
    await ratings.offer([{ key: 'k', ref, subject: 's' }]);
    await ratings.send({ key: 'k', score: 1, comment: '' });
    state.now += 31 * DAY;
    await ratings.flush();
    expect(await ratingOutboxItem.getValue()).toEqual([]);
    expect(await ratingOffersItem.getValue()).toEqual({});
  });
});

describe('ratings.send refuses what the popup cannot give', () => {
  it('a score other than 1-5 whole stars, or a comment over 1000 characters', async () => {
    const { handlers } = createBackground(backgroundDeps({ fetch: http().fetch, settings: async () => layer(undefined, undefined) }));
    await desksItem.setValue([config()]);
    await ratingOffersItem.setValue({ k: { key: 'k', ref: { ...ref, deskId: 'jsm:test' }, subject: 's', offeredAt: 1_700_000_000_000, state: 'offered' } });
    const router = createRouter(handlers, () => true);
    const client = createClient(async (message) => router(message, { id: 'id', url: 'chrome-extension://id/popup.html' }));
    for (const score of [0, 6, 2.5, '4'])
      expect(await client.call('ratings.send', { key: 'k', score: score as 1, comment: '' })).toMatchObject({ ok: false, error: { kind: 'rejected', detail: 'rating.error.score' } });
    expect(await client.call('ratings.send', { key: 'k', score: 4, comment: 'x'.repeat(1001) })).toMatchObject({ ok: false, error: { kind: 'rejected', detail: 'rating.error.comment' } });
    expect(describeError({ kind: 'rejected', retryable: false, detail: 'rating.error.score' }).message).toBe('Choose from 1 to 5 stars.');
    expect(feedbackPosts()).toBe(0);
    expect(await ratingOutboxItem.getValue()).toEqual([]);
  });
});

describe('JSM: whether the desk holds a rating', () => {
  it('the same score with the words spaced differently is delivered; a request that is gone is an error', async () => {
    const adapter = createAdapter(config(), http());
    await adapter.rate!(ref, { clientId: 'r', score: 4, comment: 'Quick,\r\n  thanks ' }, { kind: 'desk' });
    expect(await adapter.findRating!(ref, { clientId: 'r', score: 4, comment: 'Quick, thanks' }, { kind: 'desk' })).toBe(true);
    expect(await adapter.findRating!(ref, { clientId: 'r', score: 3, comment: 'Quick, thanks' }, { kind: 'desk' })).toBe(false);
    server.state.requests[0]!.feedback = undefined; // none yet: not delivered, not an error
    expect(await adapter.findRating!(ref, { clientId: 'r', score: 4 }, { kind: 'desk' })).toBe(false);
    const gone = { ...ref, id: '99999', key: 'LEGAL-99999' };
    await expect(adapter.findRating!(gone, { clientId: 'r', score: 4 }, { kind: 'desk' })).rejects.toMatchObject({ error: { kind: 'not-found' } });
    expect(server.violations).toEqual([]);
  });
});

describe('a rating RT did not keep', () => {
  it('is worded from its code, not the desk detail nor "No desk is set up yet"', () => {
    const message = describeError({ kind: 'config', retryable: false, detail: 'rating.error.notKept', field: 'Satisfaction' }).message;
    expect(message).toMatch(/did not keep the rating/);
    expect(message).not.toMatch(/No desk is set up/);
  });
});
