// One typed sentence: routing ranks the form (once loaded, after the first frame), picking it
// carries the sentence into the form (description, proposed subject, the values it states,
// the page's address for the field that asks for it), each marked as proposed until changed;
// filing it teaches the user's own routing. Through the real chain (tests/unit/support/popup-chain.ts):
// the store's client → the router → the background's handlers → the recorded RT, whose Facilities
// form (queue 3) has Building, Page URL ("The address of the page this is about") and Room.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CaptureParts } from '@/lib/capture/context';
import { buildRoutingModel, loadRouting } from '@/lib/catalog/routing';
import { desksItem, reportItem, userRoutingItem } from '@/lib/platform/storage';
import { layer } from '@/lib/settings/policy';
import { routingOf, type PopupDeps } from '@/stores/popup';
import { homeRows } from '@/stores/home';
import { catalogViewOf, pickOf, rankHome } from '@/stores/popup-view';
import { chain, DESK, facilitiesForm, NOW, type PopupStore } from '../support/popup-chain';

// What the browser gives for the page: its address (with a secret the capture redacts), title, selection.
const PARTS: CaptureParts = { tab: { url: 'https://intranet.example/rooms/3.14?token=abc123secret', title: 'Room 3.14' }, click: { selection: 'Lock' }, browser: { browser: 'Chrome 156', os: 'Linux', language: 'en' } };
const PAGE_URL = 'https://intranet.example/rooms/3.14?token=[redacted]';
const SENTENCE = 'the door of meeting room 3.14 does not lock';

beforeEach(async () => {
  fakeBrowser.reset();
  await desksItem.setValue([DESK]);
});

/** The popup over the chain, with the real routing and the user's routing in WXT's fake storage. */
function setup(popup: Partial<PopupDeps> = {}, offline?: () => boolean, intercept?: (url: string) => Promise<Response | undefined>) {
  const c = chain({
    capture: async () => PARTS,
    pageUrl: 'https://intranet.example/rooms/3.14',
    ...(offline ? { offline } : {}),
    ...(intercept ? { intercept } : {}),
    popup: { loadRouting, readUserRouting: () => userRoutingItem.getValue(), writeUserRouting: (u) => userRoutingItem.setValue(u), ...popup },
  });
  return { ...c, user: () => userRoutingItem.getValue() };
}

/** Starts the popup and waits for the page's capture (the address the Page URL field takes). */
async function start(store: PopupStore) {
  await store.getState().start();
  await vi.waitFor(() => expect(store.getState().pageContext?.url).toBe(PAGE_URL));
}

/** What App does: rank what is typed (with routing once loaded) and open the row picked. */
function pickFirst(store: PopupStore, query: string) {
  const s = store.getState();
  s.setQuery(query);
  const t = store.getState();
  const ranked = rankHome(catalogViewOf(t.catalog, t.config), { query, page: t.page, history: t.history, now: NOW, routing: routingOf(t.router, t.config, t.userRouting) });
  const pick = pickOf(ranked, ranked.suggestions[0]!.entry.key, query)!;
  t.open(pick.form, pick.values, pick.departmentId, pick.typed);
  return ranked;
}

describe('popup: one typed sentence', () => {
  it('routes with no catalog configuration once routing is loaded, and says which word did it', async () => {
    const { store } = setup();
    await start(store);
    const view = catalogViewOf(store.getState().catalog, store.getState().config);
    // The desk's own catalog: five departments, Facilities one of them.
    expect(store.getState().catalog?.departments.map((d) => d.name)).toEqual(['Facilities', 'HR', 'IT', 'Legal', 'Training']);
    const before = rankHome(view, { query: 'door', page: '', history: {}, now: 0, routing: routingOf(store.getState().router, store.getState().config, undefined) });
    expect(before.suggestions).toEqual([]); // no form is named "door"
    await store.getState().loadRouting();
    for (const query of ['door', SENTENCE, 'die Tür von Raum 3.14 schließt nicht', 'la puerta de la sala 3.14 no cierra']) {
      const ranked = rankHome(view, { query, page: '', history: {}, now: 0, routing: routingOf(store.getState().router, store.getState().config, undefined) });
      const [first] = homeRows(ranked, 0);
      expect(first?.name, query).toBe('Facilities');
      // A word of the sentence, or two that say it together ("door … lock").
      for (const word of first?.matched?.toLowerCase().split(' ') ?? ['(none)']) expect(query.toLowerCase()).toContain(word);
    }
  });

  it('asks for the vocabulary at the first keystroke, and loads it once however often it is asked', async () => {
    const load = vi.fn(loadRouting);
    const { store } = setup({ loadRouting: load });
    await start(store);
    expect(load).not.toHaveBeenCalled();
    for (const query of ['d', 'do', 'door']) store.getState().setQuery(query);
    void store.getState().loadRouting(); // idle time asks too
    expect(load).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(store.getState().router).not.toBeNull());
    store.getState().setQuery('door lock');
    await store.getState().loadRouting();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("ranks with the router before the user's own model is read, and adds that model when it comes", async () => {
    const learned = { version: 1 as const, words: { door: { 'rt/4': 3 } } };
    let answer: (value: typeof learned) => void = () => undefined;
    const { store } = setup({ readUserRouting: () => new Promise((resolve) => (answer = resolve)) });
    await start(store);
    const loading = store.getState().loadRouting();
    // The storage read is still out (slow while keys flood the browser): the router is in all the same.
    await vi.waitFor(() => expect(store.getState().router).not.toBeNull());
    expect(store.getState().userRouting).toBeUndefined();
    answer(learned);
    await loading;
    expect(store.getState().userRouting).toEqual(learned);
  });

  it('carries the sentence into the form: description, subject and Room proposed, the page address in Page URL', async () => {
    const { store, shelf } = setup();
    await start(store);
    await store.getState().loadRouting();
    pickFirst(store, SENTENCE);
    await vi.waitFor(() => expect(store.getState().draft?.fields['12']).toBeDefined());
    const s = store.getState();
    expect(s.view).toBe('form');
    expect(s.draft).toMatchObject({ formId: '3', description: SENTENCE, subject: 'The door of meeting room 3.14 does not lock', fields: { 5: '3.14', 12: PAGE_URL } });
    expect(s.proposed).toEqual({ subject: 'typed', description: 'typed', 5: 'typed', 12: 'page' });
    expect(s.draft?.fields['4']).toBeUndefined();
    // Typed text is kept at once, as if typed into the form.
    await vi.waitFor(() => expect([...shelf.all.values()][0]).toMatchObject({ description: SENTENCE, fields: { 5: '3.14' } }));
  });

  it('keeps the sentence as it is typed, for a popup closed before a form was picked; once a form is opened, it is let go', async () => {
    const kept: string[] = [];
    const { store } = setup({ keepTyped: (text) => void kept.push(text) });
    await start(store);
    await store.getState().loadRouting();
    store.getState().setQuery('The door of');
    pickFirst(store, SENTENCE);
    expect(kept).toEqual(['The door of', SENTENCE, '']);
    // The form's fields are read before the test ends (their answer would land in the next test's storage).
    await vi.waitFor(() => expect(store.getState().fields['rt:desk/3']).toBeDefined());
  });

  it('a Send pressed while the form\'s fields are still being read waits for them and files what they propose', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const { store, rt, names } = setup({}, undefined, async (url) => {
      if (url.includes('/queue/3/customfields')) await held;
      return undefined;
    });
    await start(store);
    await store.getState().loadRouting();
    pickFirst(store, SENTENCE);
    const sending = store.getState().submit();
    await new Promise((r) => setTimeout(r, 20));
    expect(store.getState().submitting).toBe(true);
    expect(names()).not.toContain('request.submit');
    release();
    await sending;
    expect(store.getState().problems).toEqual([]);
    expect(store.getState().view).toBe('sent');
    expect(rt.created).toHaveLength(1);
    expect(rt.created[0]).toMatchObject({ Subject: 'The door of meeting room 3.14 does not lock', CustomFields: { 5: '3.14', 12: PAGE_URL } });
  });

  it('does not carry over a search that only named the form', async () => {
    const { store, shelf } = setup();
    await start(store);
    await store.getState().loadRouting();
    pickFirst(store, 'facil');
    await vi.waitFor(() => expect(store.getState().draft?.fields['12']).toBeDefined());
    expect(store.getState().draft).toMatchObject({ formId: '3', subject: '', description: '' });
    expect(store.getState().typed).toBeUndefined();
    expect(shelf.all.size).toBe(0);
  });

  it('lets the person change what was proposed: a changed value is theirs and not proposed again', async () => {
    const { store } = setup();
    await start(store);
    await store.getState().loadRouting();
    pickFirst(store, SENTENCE);
    await vi.waitFor(() => expect(store.getState().proposed['12']).toBe('page'));
    store.getState().setField('5', '');
    store.getState().edit({ subject: 'Lock broken' });
    expect(store.getState().proposed).toEqual({ description: 'typed', 12: 'page' });
    store.getState().toggleContext('title');
    expect(store.getState().draft?.fields['5']).toBe('');
    // Removing the address from what is sent takes it out of the field it filled; back, it fills it again.
    store.getState().toggleContext('url');
    expect(store.getState().draft?.fields['12']).toBe('');
    expect(store.getState().proposed['12']).toBeUndefined();
    store.getState().toggleContext('url');
    expect(store.getState().draft?.fields['12']).toBe(PAGE_URL);
    expect(store.getState().proposed['12']).toBe('page');
  });

  it('fills fields as the administrator mapped them, and a form opened without typing is not kept as a draft', async () => {
    const settings = layer({ fieldMap: { Facilities: { Room: 'selection' } } }, undefined);
    expect(settings.policyProblems).toEqual([]);
    const { store, shelf } = setup({ readSettings: async () => settings });
    await start(store);
    store.getState().open(facilitiesForm(store));
    await vi.waitFor(() => expect(store.getState().draft?.fields['5']).toBe('Lock'));
    expect(store.getState().draft).toMatchObject({ subject: '', description: '', fields: { 5: 'Lock', 12: PAGE_URL } });
    expect(store.getState().proposed).toEqual({ 5: 'page', 12: 'page' });
    expect(shelf.all.size).toBe(0);
  });

  it('keeps a kept draft\'s values as the person set them, and adds what was just typed to its description', async () => {
    const { store, shelf } = setup();
    await start(store);
    store.getState().open(facilitiesForm(store));
    await vi.waitFor(() => expect(store.getState().draft?.fields['12']).toBeDefined());
    store.getState().setField('12', '');
    store.getState().edit({ description: 'The blinds are stuck' });
    store.getState().back();
    store.getState().open(facilitiesForm(store), {}, undefined, 'room 2.07');
    await vi.waitFor(() => expect(store.getState().draft?.description).toBe('The blinds are stuck\n\nroom 2.07'));
    expect(store.getState().draft?.fields['12']).toBe('');
    expect(store.getState().draft?.fields['5']).toBeUndefined();
    expect(store.getState().proposed).toEqual({ description: 'typed' });
    // Kept at once: a popup closed now loses nothing.
    await vi.waitFor(() => expect([...shelf.all.values()].some((d) => d.description === 'The blinds are stuck\n\nroom 2.07')).toBe(true));
    // Opening it again with the same words adds nothing twice.
    store.getState().back();
    store.getState().open(facilitiesForm(store), {}, undefined, 'room 2.07');
    await new Promise((r) => setTimeout(r, 0));
    await vi.waitFor(() => expect(store.getState().draft?.description).toBe('The blinds are stuck\n\nroom 2.07'));
  });

  it('fills a right-click report\'s field that asks for the page with the address at the click', async () => {
    const context = { url: 'https://intranet.example/booking?session=[redacted]', redactions: 1, gaps: [] };
    const draft = { deskId: DESK.id, departmentId: '3', formId: '3', page: '', subject: 'Problem on Booking', description: '', fields: {}, excluded: [], updatedAt: 1 };
    // A popup opened before has stored the desk's catalog; the report is kept as the background keeps it for the popup it opens (?report).
    await setup().store.getState().start();
    await reportItem.setValue({ draft, context, createdAt: 1 });
    const { store } = setup({ readReport: () => reportItem.getValue(), clearReport: () => reportItem.setValue(null) });
    await store.getState().start();
    await vi.waitFor(() => expect(store.getState().draft?.fields['12']).toBe(context.url));
    expect(store.getState().proposed).toEqual({ 12: 'page' });
    expect(store.getState().draft?.subject).toBe('Problem on Booking');
  });

  it('teaches the user\'s own routing once the request is filed, and uses it next time', async () => {
    const first = setup();
    await start(first.store);
    await first.store.getState().loadRouting();
    // A word no vocabulary knows: only search by name finds the form.
    first.store.getState().open(facilitiesForm(first.store), {}, undefined, 'zorbulator 2.07 squeaks');
    await vi.waitFor(() => expect(first.store.getState().draft?.fields['12']).toBeDefined());
    first.store.getState().setField('5', '2.07');
    await first.store.getState().submit();
    expect(first.store.getState().view).toBe('sent');
    expect(first.rt.created).toHaveLength(1); // filed with the desk
    await vi.waitFor(async () => expect((await first.user())?.words.zorbulator).toEqual({ 'rt:desk/3': 1 }));
    expect(JSON.stringify(await first.user())).not.toContain('2.07');

    // Another popup: the user's routing is read from storage.
    const next = setup();
    await start(next.store);
    await next.store.getState().loadRouting();
    const ranked = pickFirst(next.store, 'zorbulator');
    expect(ranked.suggestions[0]?.entry.form.name).toBe('Facilities');
    expect(ranked.suggestions[0]?.matched?.word).toBe('zorbulator');
  });

  it("a request filed before the stored model was read adds to that model; the late read does not undo the lesson", async () => {
    await userRoutingItem.setValue({ version: 1, words: { payslip: { 'rt:desk/4': 2 } } });
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { store, user } = setup({ readUserRouting: async () => (await held, userRoutingItem.getValue()) });
    await start(store);
    void store.getState().loadRouting(); // the router comes in; the stored model's read is held
    await vi.waitFor(() => expect(store.getState().router).not.toBeNull());
    store.getState().open(facilitiesForm(store), {}, undefined, 'zorbulator 2.07 squeaks');
    await vi.waitFor(() => expect(store.getState().draft?.fields['12']).toBeDefined());
    store.getState().setField('5', '2.07');
    await store.getState().submit();
    expect(store.getState().view).toBe('sent');
    await new Promise((r) => setTimeout(r, 50)); // time for a lesson that did not wait for the read to be written
    release();
    const both = { payslip: { 'rt:desk/4': 2 }, zorbulator: { 'rt:desk/3': 1 } };
    await vi.waitFor(async () => expect((await user())?.words).toMatchObject(both));
    await new Promise((r) => setTimeout(r, 10));
    expect(store.getState().userRouting?.words).toMatchObject(both);
  });

  it('does not learn from a request only kept in the outbox', async () => {
    let offline = false;
    const { store, rt, user } = setup({}, () => offline);
    await start(store);
    await store.getState().loadRouting();
    store.getState().open(facilitiesForm(store), {}, undefined, 'zorbulator room 2.07 squeaks');
    await vi.waitFor(() => expect(store.getState().draft?.fields['12']).toBeDefined());
    store.getState().setField('5', '2.07');
    offline = true; // the desk cannot be reached: the request is kept in the outbox
    await store.getState().submit();
    expect(store.getState().queued).toMatchObject({ error: { kind: 'offline' } });
    expect(rt.created).toEqual([]);
    // Learning goes through a dynamic import: let every one started settle before looking.
    await vi.dynamicImportSettled();
    await new Promise((r) => setTimeout(r, 0));
    expect(await user()).toBeNull();
  });

  it('ranks with a model made by npm run learn-routing, handed in through the managed policy', async () => {
    const router = await loadRouting();
    // The desk's past requests: a word of this company's own that no vocabulary knows.
    const examples = [
      ...['the zorbulator in 2.07 squeaks', 'zorbulator broken again', 'please fix the zorbulator'].map((text) => ({ text, department: 'IT' })),
      ...['door does not lock', 'light broken in the kitchen', 'heating too low'].map((text) => ({ text, department: 'Facilities' })),
    ];
    const model = buildRoutingModel(router, examples, { minCount: 2, source: 'http://127.0.0.1:18080 (6 requests)' });
    const settings = layer(JSON.parse(JSON.stringify({ routingModel: model })), undefined);
    expect(settings.policyProblems).toEqual([]);
    expect(settings.locked).toContain('routingModel');
    const { store } = setup({ readSettings: async () => settings });
    await start(store);
    await store.getState().loadRouting();
    const s = store.getState();
    const ranked = rankHome(catalogViewOf(s.catalog, s.config), { query: 'zorbulator', page: '', history: {}, now: 0, routing: routingOf(s.router, s.config, undefined) });
    expect(ranked.suggestions[0]?.entry.department.name).toBe('IT');
  });
});

describe('popup: a search that only named the form', () => {
  it('is let go too once the form opens: the next popup starts with an empty box', async () => {
    const kept: string[] = [];
    const { store } = setup({ keepTyped: (text) => void kept.push(text) });
    await start(store);
    store.getState().setQuery('fac');
    const t = store.getState();
    const ranked = rankHome(catalogViewOf(t.catalog, t.config), { query: 'fac', page: t.page, history: t.history, now: NOW, routing: routingOf(t.router, t.config, t.userRouting) });
    const pick = pickOf(ranked, ranked.suggestions[0]!.entry.key, 'fac')!;
    expect(pick.typed ?? '').toBe(''); // only named the form: not carried as a sentence
    t.open(pick.form, pick.values, pick.departmentId, pick.typed);
    expect(kept.at(-1)).toBe('');
    await vi.waitFor(() => expect(store.getState().fields['rt:desk/3']).toBeDefined());
  });
});
