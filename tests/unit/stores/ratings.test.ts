// The ratings store through the real chain: client → router → background handlers → the JSM
// test server (every call checked against Atlassian's document), WXT's fake browser storage.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackground } from '@/lib/background/handlers';
import { createAdapter } from '@/lib/desks/registry';
import type { DeskConfig, TicketRef } from '@/lib/domain';
import { createClient } from '@/lib/messaging/protocol';
import { createRouter } from '@/lib/messaging/router';
import { desksItem, preferencesItem, ratingDraftsItem, ratingOffersItem } from '@/lib/platform/storage';
import { layer } from '@/lib/settings/policy';
import { createRatingsStore, followSyncs } from '@/stores/ratings';
import { createRequestsStore } from '@/stores/requests';
import { snapshotItem } from '@/lib/platform/storage';
import { changeRatingDrafts } from '@/lib/platform/drafts-lock';
import { backgroundDeps } from '../support/background';
import { startJsmServer, type JsmServer } from '../../desks/jsm/server';

let server: JsmServer;
let ref: TicketRef;
const config = (s: JsmServer): DeskConfig => ({ id: 'jsm', kind: 'jsm-cloud', name: 'Legal', baseUrl: s.url, auth: { mode: 'basic', token: s.users.alice.apiToken }, email: s.users.alice.email });
const http = { fetch: (input: string, init?: RequestInit) => fetch(input, init), sleep: async () => undefined };

beforeEach(async () => {
  fakeBrowser.reset();
  server = await startJsmServer();
  ref = await fileLegal('c', 'Review the NDA');
  server.setStatus(ref.key, 'Resolved', 'DONE');
  await desksItem.setValue([config(server)]);
  const offer = (key: string, subject: string) => ({ key, ref, subject, offeredAt: 1, state: 'offered' as const });
  await ratingOffersItem.setValue({ 'jsm/other': { ...offer('jsm/other', 'Other'), offeredAt: 2 }, [`jsm/${ref.id}`]: offer(`jsm/${ref.id}`, 'Review the NDA') });
});
afterEach(() => server.close());

/** A Legal request filed at the JSM test server as the employee: its reference. */
async function fileLegal(clientId: string, subject: string): Promise<TicketRef> {
  const requester = { id: '', name: '', email: '', displayName: '', staff: false };
  return (await createAdapter(config(server), http).createRequest({ clientId, departmentId: '1:11', formId: '1/102', subject, body: 'b', fields: { customfield_10010: '10101' }, attachments: [], requester })).ref;
}

/** `deliver`: awaited once the background answered a message, before the answer is given back (to see, or hold, it). */
function clientOf(opts: { policy?: object; down?: string; deliver?: (name: string) => Promise<void> | void } = {}) {
  const { handlers } = createBackground(backgroundDeps({ fetch: http.fetch, settings: async () => layer(opts.policy, undefined) }));
  const router = createRouter(handlers, () => true);
  // `down`: the worker is gone when that message is sent (the browser's own error).
  return createClient(async (message) => {
    const { name } = message as { name: string };
    if (name === opts.down) throw new Error('Could not establish connection. Receiving end does not exist.');
    const answer = await router(message, { id: 'id', url: 'chrome-extension://id/popup.html' });
    await opts.deliver?.(name);
    return answer;
  });
}

function store(opts: { focus?: string; policy?: object; down?: string } = {}, client = clientOf(opts)) {
  return createRatingsStore({ client, ...(opts.focus ? { focus: opts.focus } : {}), readDrafts: () => ratingDraftsItem.getValue(), changeDrafts: changeRatingDrafts });
}

describe('ratings store', () => {
  it('puts the prompt a notification opened first, keeps what is typed across popups, and sends it once', async () => {
    const key = `jsm/${ref.id}`;
    const first = store({ focus: key });
    await first.getState().load();
    expect(first.getState().asks.map((a) => a.key)).toEqual([key, 'jsm/other']);
    expect(first.getState().question).toBe('How did we do?');
    first.getState().pick(key, 5);
    first.getState().setComment(key, 'Very helpful');
    await expect.poll(async () => (await ratingDraftsItem.getValue())[key]).toEqual({ score: 5, comment: 'Very helpful' });
    // The popup closed and opened again: the stars and the words are still there.
    const again = store();
    await again.getState().load();
    expect(again.getState().drafts[key]).toEqual({ score: 5, comment: 'Very helpful' });
    await again.getState().send(key);
    expect(again.getState().results[key]).toBe('sent');
    expect(server.state.requests[0]?.feedback).toEqual({ rating: 5, comment: 'Very helpful' });
    expect((await ratingDraftsItem.getValue())[key]).toBeUndefined();
    await again.getState().send(key); // a second press finds nothing left to send
    expect(server.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/feedback'))).toHaveLength(1);
    expect(server.violations).toEqual([]);
  });

  it('"Not now" removes the prompt for good; switched off by policy, nothing is asked', async () => {
    const s = store();
    await s.getState().load();
    await s.getState().dismiss('jsm/other');
    expect(s.getState().asks.map((a) => a.key)).toEqual([`jsm/${ref.id}`]);
    const reopened = store();
    await reopened.getState().load();
    expect(reopened.getState().asks.map((a) => a.key)).toEqual([`jsm/${ref.id}`]);
    const off = store({ policy: { rating: { enabled: false } } });
    await off.getState().load();
    expect(off.getState().asks).toEqual([]);
    await preferencesItem.setValue({ notifications: true, intervalMin: 5, ratings: false });
    const userOff = store();
    await userOff.getState().load();
    expect(userOff.getState().asks).toEqual([]);
  });

  it('two popups at once each keep their own comment; drafts of requests no longer asked about go', async () => {
    const key = `jsm/${ref.id}`;
    await ratingDraftsItem.setValue({ 'jsm/gone': { score: 2, comment: 'old' } });
    const toolbar = store();
    const tab = store({ focus: key });
    await Promise.all([toolbar.getState().load(), tab.getState().load()]);
    await expect.poll(async () => Object.keys(await ratingDraftsItem.getValue())).toEqual([]);
    tab.getState().pick(key, 4);
    toolbar.getState().pick('jsm/other', 2);
    tab.getState().setComment(key, 'Quick');
    toolbar.getState().setComment('jsm/other', 'Slow to answer');
    await expect.poll(async () => ratingDraftsItem.getValue()).toEqual({ [key]: { score: 4, comment: 'Quick' }, 'jsm/other': { score: 2, comment: 'Slow to answer' } });
  });

  it('"Not now" that did not reach the background keeps the prompt and what was typed', async () => {
    const s = store({ down: 'ratings.dismiss' });
    await s.getState().load();
    s.getState().pick('jsm/other', 3);
    s.getState().setComment('jsm/other', 'Keep me');
    await s.getState().dismiss('jsm/other');
    expect(s.getState().errors['jsm/other']).toMatchObject({ kind: 'server' });
    expect(s.getState().asks.map((a) => a.key)).toContain('jsm/other');
    await expect.poll(async () => (await ratingDraftsItem.getValue())['jsm/other']).toEqual({ score: 3, comment: 'Keep me' });
    expect((await ratingOffersItem.getValue())['jsm/other']?.state).toBe('offered');
  });

  it("asks about a request the open's own look finds done, in the same popup", async () => {
    await ratingOffersItem.setValue({});
    const client = clientOf();
    const requests = createRequestsStore({ client, readSnapshot: () => snapshotItem.getValue() });
    const ratings = store({}, client);
    followSyncs(ratings, requests);
    const fresh = await fileLegal('d', 'Sign the lease');
    await requests.getState().start(); // My requests opened: its look sees the request open
    await ratings.getState().load();
    expect(ratings.getState().asks).toEqual([]);
    server.setStatus(fresh.key, 'Resolved', 'DONE');
    await requests.getState().sync(); // the next look, the popup still open: done now
    await expect.poll(() => ratings.getState().asks.map((a) => a.subject)).toEqual(['Sign the lease']);
  });

  it('asks the background nothing for a popup that never showed My requests', async () => {
    const sent: string[] = [];
    const client = clientOf({ deliver: (name) => void sent.push(name) });
    const requests = createRequestsStore({ client, readSnapshot: () => snapshotItem.getValue() });
    followSyncs(store({}, client), requests);
    await requests.getState().start();
    await requests.getState().sync();
    expect(sent.filter((n) => n === 'requests.sync')).toHaveLength(2);
    expect(sent).not.toContain('ratings.prompts');
  });

  it('keeps the prompts of the last load when an earlier answer comes after it', async () => {
    let hold: (() => void) | undefined;
    let prompts = 0;
    const held = new Promise<void>((resolve) => (hold = resolve));
    const s = store({}, clientOf({ deliver: (name) => (name === 'ratings.prompts' && ++prompts === 1 ? held : undefined) }));
    const first = s.getState().load(); // answered with both offers, delivered late
    await expect.poll(() => prompts).toBe(1);
    await ratingOffersItem.setValue({}); // meanwhile both were answered elsewhere
    await s.getState().load();
    expect(s.getState().asks).toEqual([]);
    hold!();
    await first;
    expect(s.getState().asks).toEqual([]);
  });
});
