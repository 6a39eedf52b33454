// What the person does while a request is being sent, through the real chain
// (tests/unit/support/popup-chain.ts): the answer settles the draft that was sent, never the one
// open when it comes back; what is being sent is not changed underneath; a send made while the
// page is captured waits for the capture; "Try again" does what the error it sits under needs.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { desksItem } from '@/lib/platform/storage';
import { draftKey } from '@/lib/requests/draft';
import { keyOf, type Snapshot } from '@/lib/tracking/snapshot';
import { createRequestsStore } from '@/stores/requests';
import { deskError } from '@/lib/domain';
import type { Client } from '@/lib/messaging/protocol';
import { outboxItem } from '@/lib/platform/storage';
import { backgroundChain, chain, DESK, facilitiesForm, fileColdRoom, openFacilities } from '../support/popup-chain';
import { recordedRt } from '../support/recorded-rt';

beforeEach(async () => {
  fakeBrowser.reset();
  await desksItem.setValue([DESK]);
});

/** A gate the desk's answer waits behind: `opened` resolves once a request reached it. */
function gate() {
  let release!: () => void;
  let reached!: () => void;
  const open = new Promise<void>((r) => (release = r));
  const opened = new Promise<void>((r) => (reached = r));
  return { release, opened, wait: () => (reached(), open) };
}

const isCreate = (url: string, init?: RequestInit) => init?.method === 'POST' && new URL(url).pathname.endsWith('/ticket');

describe('popup store: while a request is sent', () => {
  it('forgets the draft that was sent, not the one the person opened meanwhile, and does not put the answer over it', async () => {
    const desk = gate();
    const { store, rt, shelf } = chain({ intercept: async (url, init) => (isCreate(url, init) ? void (await desk.wait()) : undefined) });
    await openFacilities(store);
    store.getState().edit({ subject: 'Cold room', description: 'Too cold' });
    store.getState().setField('5', '1.01');
    const sending = store.getState().submit();
    await desk.opened;
    expect(store.getState().submitting).toBe(true);

    // What is being sent is not changed underneath.
    store.getState().edit({ subject: 'Typed after Send' });
    expect(store.getState().draft?.subject).toBe('Cold room');

    // Back, and another request started while the first is on its way.
    store.getState().back();
    expect(store.getState().submitting).toBe(false);
    const it = store.getState().catalog!.forms.find((f) => f.id !== '3')!;
    store.getState().open(it);
    store.getState().edit({ subject: 'Laptop', description: 'Will not start' });
    // The request on its way is the outbox's, no longer a stored draft (another popup opened now
    // must not offer it as unsent); the new one is.
    await vi.waitFor(() => expect([...shelf.all.values()].map((d) => d.subject).sort()).toEqual(['Laptop']));

    desk.release();
    await sending;
    expect(rt.created).toEqual([expect.objectContaining({ Subject: 'Cold room' })]);
    const state = store.getState();
    expect(state.view).toBe('form');
    expect(state.draft?.subject).toBe('Laptop');
    expect(state.outcome).toBeUndefined();
    expect(state.drafts.map((d) => d.subject)).toEqual(['Laptop']);
    await vi.waitFor(() => expect([...shelf.all.values()].map((d) => d.subject)).toEqual(['Laptop']));
    // Counted for "recent" all the same: it was filed.
    expect(Object.keys(state.history)).toEqual(['rt:desk/3']);
  });

  it('shows the answer to someone who stayed on the form', async () => {
    const { store, rt } = chain();
    await openFacilities(store);
    store.getState().edit({ subject: 'Cold room', description: 'Too cold' });
    store.getState().setField('5', '1.01');
    await store.getState().submit();
    expect(rt.created).toHaveLength(1);
    expect(store.getState()).toMatchObject({ view: 'sent', submitting: false, draft: null });
    expect(store.getState().outcome?.ticket.key).toBeDefined();
  });

  it('does not send a draft again while its first send is on its way (gone back to it and Send pressed again)', async () => {
    const desk = gate();
    const { store, rt } = chain({ intercept: async (url, init) => (isCreate(url, init) ? void (await desk.wait()) : undefined) });
    await openFacilities(store);
    store.getState().edit({ subject: 'Cold room', description: 'Too cold' });
    store.getState().setField('5', '1.01');
    const sending = store.getState().submit();
    await desk.opened;
    const sent = store.getState().draft!;
    store.getState().back();
    await store.getState().resume(store.getState().drafts.find((d) => draftKey(d) === draftKey(sent))!);
    await store.getState().submit();
    desk.release();
    await sending;
    expect(rt.created).toHaveLength(1);
    // Back on its form when the answer came: it is shown.
    expect(store.getState().view).toBe('sent');
  });

  it('files a request once when Send is pressed again after the worker stopped while it was sent (no answer came)', async () => {
    const rt = recordedRt();
    // The first worker: the desk files the request, and the worker is stopped before it hears so.
    const stopped = gate();
    const first = backgroundChain({ intercept: async (url, init) => (isCreate(url, init) ? (await rt.fetch(url, init), await stopped.wait(), undefined) : undefined) }, rt);
    // The worker started again: same storage, the desk as it is.
    const second = backgroundChain({}, rt);
    let worker = first.client;
    const client: Client = {
      async call(name, request) {
        if (name !== 'request.submit' || worker !== first.client) return second.client.call(name, request);
        void first.client.call(name, request); // never answered
        await stopped.opened;
        worker = second.client;
        return { ok: false, error: deskError('server', { detail: 'The message port closed before a response was received.' }) };
      },
    };
    const { store } = chain({ popup: { client } }, rt);
    await openFacilities(store);
    store.getState().edit({ subject: 'Cold room', description: 'Too cold' });
    store.getState().setField('5', '1.01');
    await store.getState().submit();
    expect(store.getState()).toMatchObject({ view: 'form', submitError: { kind: 'server' } });
    expect(rt.created).toHaveLength(1);

    // Send again, nothing changed: the outbox's request is the answer, found at the desk.
    await store.getState().submit();
    expect(rt.created).toHaveLength(1);
    expect(store.getState()).toMatchObject({ view: 'sent', outcome: { ticket: { id: '1' } } });
    expect(await outboxItem.getValue()).toEqual([]);
  });

  it('names a Send pressed again after no answer as the same one, a changed or answered one as another', async () => {
    const ids: string[] = [];
    let answer = false;
    const real = backgroundChain();
    const client: Client = {
      async call(name, request) {
        if (name !== 'request.submit') return real.client.call(name, request);
        ids.push((request as { sendId: string }).sendId);
        if (answer) return real.client.call(name, request);
        return { ok: false, error: deskError('server', { detail: 'The message port closed before a response was received.' }) };
      },
    };
    let n = 0;
    const { store } = chain({ popup: { client, newId: () => `send-${++n}-abcdef` } }, real.rt);
    await openFacilities(store);
    store.getState().edit({ subject: 'Cold room', description: 'Too cold' });
    store.getState().setField('5', '1.01');
    await store.getState().submit();
    await store.getState().submit();
    store.getState().edit({ subject: 'Cold room 1.01' });
    await store.getState().submit();
    expect(ids).toEqual(['send-1-abcdef', 'send-1-abcdef', 'send-2-abcdef']);
    // Answered (filed): the same words sent again later are another request, filed again.
    answer = true;
    await store.getState().submit();
    store.getState().fileAnother();
    store.getState().open(facilitiesForm(store));
    await vi.waitFor(() => expect(store.getState().fields['rt:desk/3']).toBeDefined());
    store.getState().edit({ subject: 'Cold room 1.01', description: 'Too cold' });
    store.getState().setField('5', '1.01');
    await store.getState().submit();
    expect(ids.slice(3)).toEqual(['send-2-abcdef', 'send-3-abcdef']);
    expect(real.rt.created).toHaveLength(2);
  });

  it('sends a request made while the page is captured once the capture is in, with it (Ctrl+Enter before the Send button is enabled)', async () => {
    const page = gate();
    const { store, sent } = chain({
      capture: async () => (await page.wait(), { tab: { url: 'https://intranet.example/rooms', title: 'Rooms' }, browser: { browser: 'Chrome 156', os: 'Linux', language: 'en' } }),
    });
    await store.getState().start();
    store.getState().open(facilitiesForm(store));
    await vi.waitFor(() => expect(store.getState().fields['rt:desk/3']).toBeDefined());
    store.getState().edit({ subject: 'Cold room', description: 'Too cold' });
    store.getState().setField('5', '1.01');
    expect(store.getState().context).toBeNull();
    const sending = store.getState().submit();
    await page.opened;
    await new Promise((r) => setTimeout(r, 20));
    expect(store.getState().submitting).toBe(true);
    expect(sent.map((m) => m.name)).not.toContain('request.submit');
    page.release();
    await sending;
    const submitted = sent.find((m) => m.name === 'request.submit')?.request as { context: { url?: string } };
    expect(submitted.context.url).toBe('https://intranet.example/rooms');
    expect(store.getState().view).toBe('sent');
  });

  it('sends nothing when the person leaves the form while the capture is awaited', async () => {
    const page = gate();
    const { store, sent } = chain({ capture: async () => (await page.wait(), { browser: { browser: 'Chrome 156', os: 'Linux', language: 'en' } }) });
    await store.getState().start();
    store.getState().open(facilitiesForm(store));
    await vi.waitFor(() => expect(store.getState().fields['rt:desk/3']).toBeDefined());
    store.getState().edit({ subject: 'Cold room', description: 'Too cold' });
    store.getState().setField('5', '1.01');
    const sending = store.getState().submit();
    await page.opened;
    store.getState().back();
    await sending;
    page.release();
    await new Promise((r) => setTimeout(r, 20));
    expect(sent.map((m) => m.name)).not.toContain('request.submit');
    expect(store.getState().drafts.map((d) => d.subject)).toEqual(['Cold room']);
  });
});

describe('popup store: trying again', () => {
  it('reads the form fields again after a read that failed', async () => {
    let failing = true;
    const { store } = chain({
      intercept: async (url) => (url.includes('/queue/3/customfields') && failing ? new Response('busy', { status: 503 }) : undefined),
    });
    await store.getState().start();
    store.getState().open(facilitiesForm(store));
    await vi.waitFor(() => expect(store.getState().fieldsError?.kind).toBe('server'), { timeout: 10_000 });
    expect(store.getState().fields['rt:desk/3']).toBeUndefined();
    failing = false;
    store.getState().retryFields();
    await vi.waitFor(() => expect(store.getState().fields['rt:desk/3']).toBeDefined());
    expect(store.getState().fieldsError).toBeUndefined();
  });
});

describe('requests store: the open conversation', () => {
  it('reads the conversation again after a read that failed, keeping the reply being written', async () => {
    const { rt, request, snapshot } = await fileColdRoom();
    let failing = true;
    const store = createRequestsStore({
      client: chain({ intercept: async (url) => (/\/ticket\/\d+\/history/.test(url) && failing ? new Response('busy', { status: 503 }) : undefined) }, rt).client,
      readSnapshot: async () => snapshot,
      now: () => 5,
    });
    await store.getState().start();
    await store.getState().open(keyOf(request as never));
    expect(store.getState().messagesError?.kind).toBe('server');
    store.getState().setReply('Still cold');
    failing = false;
    await store.getState().reload();
    expect(store.getState().messagesError).toBeUndefined();
    expect(store.getState().messages).toEqual([]);
    expect(store.getState().reply).toBe('Still cold');
  });

  it('leaves the reply of a conversation opened while another reply was sent as it is', async () => {
    const { rt, request, snapshot } = await fileColdRoom();
    const desk = gate();
    const other = { ...request, ref: { ...request.ref, id: '999999', key: '999999' }, subject: 'Other' };
    const both = { ...snapshot, requests: [request, other] } as unknown as Snapshot;
    const store = createRequestsStore({
      client: chain({ intercept: async (url, init) => (init?.method === 'POST' && /\/correspond$/.test(url) ? void (await desk.wait()) : undefined) }, rt).client,
      readSnapshot: async () => both,
      now: () => 5,
    });
    await store.getState().start({ sync: false });
    await store.getState().open(keyOf(request as never));
    store.getState().setReply('Still cold');
    const sending = store.getState().sendReply();
    await desk.opened;
    void store.getState().open(keyOf(other as never));
    store.getState().setReply('Half written');
    desk.release();
    await sending;
    expect(rt.replies).toEqual([expect.objectContaining({ text: expect.stringContaining('Still cold') })]);
    expect(store.getState().reply).toBe('Half written');
    expect(store.getState().replySent).toBe(false);
  });
});

describe('the background and the drafts, with no popup left to hear the answer', () => {
  /** A Facilities draft as the popup keeps it, on the shelf the popup and the background share. */
  async function kept(store: ReturnType<typeof chain>['store'], shelf: ReturnType<typeof chain>['shelf']) {
    await openFacilities(store);
    store.getState().edit({ subject: 'Cold room', description: 'Too cold' });
    store.getState().setField('5', '1.01');
    await vi.waitFor(() => expect([...shelf.all.values()].map((d) => d.subject)).toEqual(['Cold room']));
    return store.getState().draft!;
  }

  /**
   * A chain whose desk can be held (its answers wait behind a gate until `hold(false)`), and
   * `queue()`: a kept Facilities draft sent while the desk cannot be reached, left queued.
   */
  function queueing() {
    let offline = false;
    let holding = false;
    const desk = gate();
    const c = chain({ offline: () => offline, intercept: async () => (holding ? void (await desk.wait()) : undefined) });
    return {
      ...c,
      desk,
      hold(on: boolean) {
        holding = on;
        if (!on) desk.release();
      },
      async queue() {
        await kept(c.store, c.shelf);
        offline = true;
        await c.store.getState().submit();
        offline = false;
        return c.store.getState().queued!.clientId;
      },
    };
  }

  it('a request the outbox holds is no longer an unfinished draft, though the popup closed before the answer', async () => {
    const { store, shelf, client, rt } = chain();
    const draft = await kept(store, shelf);
    // The popup is gone: only the background's handling of the message it sent runs on.
    const answer = await client.call('request.submit', { draft, context: { redactions: 0, gaps: [] } });
    expect(answer).toMatchObject({ ok: true, value: { status: 'sent' } });
    expect(rt.created).toHaveLength(1);
    expect([...shelf.all.values()]).toEqual([]);
  });

  it('one queued (the desk unreachable) is no longer a draft either; taken back with Cancel and edit it is one again, with its page', async () => {
    let offline = false;
    const { store, shelf, client } = chain({ offline: () => offline });
    const draft = await kept(store, shelf);
    offline = true;
    const context = { redactions: 0, gaps: [], url: 'https://intranet.example/rooms' };
    const answer = await client.call('request.submit', { draft, context });
    expect(answer).toMatchObject({ ok: true, value: { status: 'queued' } });
    expect([...shelf.all.values()]).toEqual([]);
    const clientId = (answer as { value: { clientId: string } }).value.clientId;
    offline = false;
    // Cancel and edit, and the popup closes before the answer: the draft is back on the shelf.
    const back = await client.call('outbox.cancel', { clientId });
    expect(back).toMatchObject({ ok: true, value: { status: 'returned' } });
    expect([...shelf.all.values()].map((d) => d.subject)).toEqual(['Cold room']);
    expect(await shelf.drafts.context(draft)).toMatchObject({ url: 'https://intranet.example/rooms' });
    expect(await client.call('outbox.list', {})).toEqual({ ok: true, value: [] });
  });

  it('Cancel and edit on the queued screen shows it is asking the desk, and is not pressed twice meanwhile', async () => {
    const { store, messages, desk, hold, queue } = queueing();
    await queue();
    expect(store.getState()).toMatchObject({ view: 'sent', queued: { status: 'queued' }, cancelling: false });
    hold(true);
    const cancelling = store.getState().cancelQueued();
    await desk.opened;
    expect(store.getState().cancelling).toBe(true);
    // Pressed again, or Try now, while the desk is asked: nothing more is sent.
    const before = messages.length;
    await store.getState().cancelQueued();
    await store.getState().retryQueued();
    expect(messages.length).toBe(before);
    hold(false);
    await cancelling;
    expect(store.getState()).toMatchObject({ cancelling: false, view: 'form', queued: undefined });
    expect(store.getState().draft?.subject).toBe('Cold room');
  });

  it('Try now on a request filed meanwhile shows where it went; Cancel and edit on one taken back elsewhere leaves the queued screen', async () => {
    const { store, shelf, client, queue } = queueing();
    const clientId = await queue();
    // Filed by the background meanwhile (the alarm, another popup's Try now).
    expect(await client.call('outbox.retry', { clientId })).toMatchObject({ ok: true, value: { status: 'sent' } });
    expect(await store.getState().retryQueued()).toBeUndefined();
    expect(store.getState()).toMatchObject({ view: 'sent', queued: undefined, outcome: { ticket: { id: expect.any(String) }, departmentName: 'Facilities' } });

    // Another one, taken back in another popup: the queued screen has nothing left to act on.
    store.getState().fileAnother();
    const second = await queue();
    expect(await client.call('outbox.cancel', { clientId: second })).toMatchObject({ ok: true, value: { status: 'returned' } });
    await store.getState().cancelQueued();
    expect(store.getState()).toMatchObject({ view: 'home', queued: undefined });
    // Taken back, it is an unfinished draft again.
    expect([...shelf.all.values()].map((d) => d.subject)).toContain('Cold room');
  });

  it('Cancel and edit while the alarm is sending it takes nothing back and says it is being sent', async () => {
    const { store, shelf, client, desk, hold, queue } = queueing();
    const clientId = await queue();
    hold(true);
    const sending = client.call('outbox.retry', { clientId }); // the alarm's attempt, at the desk
    await desk.opened;
    await store.getState().cancelQueued();
    expect(store.getState()).toMatchObject({ view: 'sent', cancelling: false, queued: { clientId, error: { kind: 'timeout', detail: 'outbox.sendingNow' } } });
    expect([...shelf.all.values()]).toEqual([]);
    hold(false);
    await sending;
  });

  it('one the desk refused at Send stays a draft', async () => {
    const { store, shelf, client } = chain({ refuseCreate: true });
    const draft = await kept(store, shelf);
    const answer = await client.call('request.submit', { draft, context: { redactions: 0, gaps: [] } });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'rejected' } });
    expect([...shelf.all.values()].map((d) => d.subject)).toEqual(['Cold room']);
  });
});

// Send pressed while the form's fields are still read, then Back (found by a review, 2026-12-06:
// the waiting send went on, and a second Send on the same form opened again filed it twice).
describe('popup store: Back while a send waits for the form', () => {
  /** The Facilities form opened and filled in, and Send pressed while its fields are still read. */
  async function sendWhileFieldsLoad() {
    const fields = gate();
    let holding = true;
    const { store, rt } = chain({
      intercept: async (url) => (holding && url.includes('/queue/3/customfields') ? void (await fields.wait()) : undefined),
    });
    await store.getState().start();
    store.getState().open(facilitiesForm(store));
    store.getState().edit({ subject: 'Cold room', description: 'Too cold' });
    store.getState().setField('5', '1.01');
    const first = store.getState().submit();
    await new Promise((r) => setTimeout(r, 10));
    const release = () => {
      holding = false;
      fields.release();
    };
    return { store, rt, first, release };
  }

  it('files one ticket when Send is pressed twice (Back in between) while the fields load', async () => {
    const { store, rt, first, release } = await sendWhileFieldsLoad();
    expect(store.getState().submitting).toBe(true);
    // Back (the link; Esc is ignored while sending), then the same form again from Home, Send again.
    store.getState().back();
    store.getState().open(facilitiesForm(store));
    await vi.waitFor(() => expect(store.getState().view).toBe('form'));
    const second = store.getState().submit();
    release();
    await Promise.all([first, second]);
    await new Promise((r) => setTimeout(r, 20));
    expect(rt.created).toHaveLength(1);
  });

  it('does not send on its own after Back when the same form is opened again (Send pressed once, while the fields load)', async () => {
    const { store, rt, first, release } = await sendWhileFieldsLoad();
    store.getState().back(); // the person changed their mind
    store.getState().open(facilitiesForm(store)); // and came back to look at it
    release();
    await first;
    await new Promise((r) => setTimeout(r, 20));
    expect(rt.created).toHaveLength(0);
  });
});
