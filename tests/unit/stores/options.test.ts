// The options page's store through the real chain: client → router → background handlers, with
// in-memory storage, the recorded RT and the fake Jira Service Management Cloud site.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBackground, type BackgroundDeps } from '@/lib/background/handlers';
import type { Catalog, DeskConfig } from '@/lib/domain';
import { createClient } from '@/lib/messaging/protocol';
import { createRouter } from '@/lib/messaging/router';
import type { Item } from '@/lib/background/tracker';
import { layer, parseConfigText } from '@/lib/settings/policy';
import { OAUTH_UNAVAILABLE } from '@/lib/settings/desk';
import { DEFAULT_PREFERENCES } from '@/lib/settings/preferences';
import { createOptionsStore, NEW_DESK, prefsCardOf, type OptionsDeps } from '@/stores/options';
import { BASE, recordedRt, TOKEN } from '../support/recorded-rt';
import { startJsmServer, type JsmServer } from '../../desks/jsm/server.ts';

let jsm: JsmServer;
beforeAll(async () => {
  jsm = await startJsmServer();
});
afterAll(async () => {
  await jsm.close();
});

function item<T>(value: T): Item<T> {
  return {
    getValue: async () => structuredClone(value),
    setValue: async (next) => {
      value = structuredClone(next);
    },
  };
}

/** `it`, whose first `reads` reads and first `writes` writes fail, as a storage area that does not answer. */
function flaky<T>(it: Item<T>, { reads = 0, writes = 0 }: { reads?: number; writes?: number }): Item<T> {
  return {
    getValue: async () => (reads-- > 0 ? Promise.reject(new Error('storage did not answer')) : it.getValue()),
    setValue: async (next) => (writes-- > 0 ? Promise.reject(new Error('storage did not answer')) : it.setValue(next)),
  };
}

interface SetupOptions {
  granted?: boolean;
  managed?: unknown;
  oauthSignIn?: BackgroundDeps['oauthSignIn'];
  /** How many of the first reads of the saved desks, and writes of the preferences, fail. */
  failDeskReads?: number;
  failPrefsWrites?: number;
  /** The user's catalog configuration as the options page reads and writes it. */
  config?: Pick<OptionsDeps, 'readConfigText' | 'writeConfigText' | 'readSettings' | 'readAbout'>;
}

function setup(opts: SetupOptions = {}) {
  // The policy in effect; `policyRead()` says that a different one was read (as watchManaged does).
  const policy = { value: opts.managed };
  let policyRead = () => {};
  const rt = recordedRt();
  const desks = item<DeskConfig[]>([]);
  const preferences = item(DEFAULT_PREFERENCES);
  const catalog = item<Catalog | null>(null);
  // RT answers from its recording; the JSM site is a real local server.
  const fetch = vi.fn((url: string, init?: RequestInit) => (url.startsWith(jsm.url) ? globalThis.fetch(url, init) : rt.fetch(url, init)));
  const { handlers } = createBackground({
    settings: async () => layer(policy.value, undefined),
    fetch,
    now: () => 1_700_000_000_000,
    desks: flaky(desks, { reads: opts.failDeskReads }),
    catalog,
    fields: item({}),
    capture: async () => ({ browser: { browser: 'Chrome', os: 'Linux', language: 'en' } }),
    hasOrigin: async () => opts.granted ?? true,
    snapshot: item(null),
    syncState: item({ failures: 0 }),
    preferences: flaky(preferences, { writes: opts.failPrefsWrites }),
    showBadge: async () => undefined,
    notify: async () => undefined,
    schedule: async () => undefined,
    listUrl: 'chrome-extension://id/popup.html#requests',
    outbox: item([]),
    newId: () => 'client-1',
    scheduleOutbox: async () => undefined,
    ratingOffers: item({}),
    ratingOutbox: item([]),
    scheduleRatings: async () => undefined,
    nudges: item({}),
    scheduleNudges: async () => undefined,
    oauthSignIn: opts.oauthSignIn,
  });
  const router = createRouter(handlers, () => true);
  const client = createClient(async (message) => router(message, { id: 'id', url: 'chrome-extension://id/options.html' }));
  const callThrough = client.call.bind(client);
  const call = vi.spyOn(client, 'call');
  const requestOrigin = vi.fn(async () => opts.granted ?? true);
  const store = createOptionsStore({
    client,
    requestOrigin,
    readCatalog: () => catalog.getValue(),
    readSettings: async () => layer(policy.value, undefined),
    watchPolicy: (changed) => (policyRead = changed),
    ...opts.config,
  });
  const newPolicy = (value: unknown) => {
    policy.value = value;
    policyRead();
  };
  return { store, s: () => store.getState(), desks, catalog, preferences, call, callThrough, requestOrigin, fetch, newPolicy };
}

const alice = () => jsm.users.alice;
const JSM_ID = () => `jsm-cloud:${new URL(jsm.url).host}`;
const RT_ID = 'rt:127.0.0.1:18080';

/** Adds a desk as a person would: Add a desk, the fields, Save. */
async function addRt(app: ReturnType<typeof setup>) {
  app.s().add();
  app.s().change(NEW_DESK, { baseUrl: BASE, token: TOKEN });
  await app.s().save(NEW_DESK);
}
async function addJsm(app: ReturnType<typeof setup>) {
  app.s().add();
  app.s().change(NEW_DESK, { kind: 'jsm-cloud' });
  app.s().change(NEW_DESK, { baseUrl: jsm.url, email: alice().email, token: alice().apiToken });
  await app.s().save(NEW_DESK);
}

describe('options store: several desks', () => {
  it('opens the form for a first desk when none is set up', async () => {
    const app = setup();
    await app.s().load();
    expect(app.s().desks).toEqual([]);
    expect(app.s().open).toBe(NEW_DESK);
    expect(app.s().forms[NEW_DESK]?.input).toMatchObject({ kind: 'rt', authMode: 'token' });
  });

  it('adds an RT desk and a JSM Cloud desk, each tested after saving, and lists both', async () => {
    const app = setup();
    await app.s().load();
    await addRt(app);
    expect(app.s().open).toBe(RT_ID);
    expect(app.s().forms[RT_ID]).toMatchObject({ savedNow: true, busy: 'idle', result: { user: { displayName: 'Alice Employee' } } });
    expect(app.s().forms[RT_ID]?.input.token).toBe('');

    await addJsm(app);
    const form = app.s().forms[JSM_ID()];
    expect(form?.error).toBeUndefined();
    expect(form?.result?.departments.length).toBeGreaterThan(0);
    expect(app.s().open).toBe(JSM_ID());
    expect(app.s().forms[NEW_DESK]).toBeUndefined();

    expect(app.s().desks.map((d) => [d.id, d.kind, d.authMode, d.hasToken])).toEqual([
      [RT_ID, 'rt', 'token', true],
      [JSM_ID(), 'jsm-cloud', 'basic', true],
    ]);
    expect(app.s().desks[0]?.user?.displayName).toBe('Alice Employee');
    expect(app.s().desks[1]).toMatchObject({ email: alice().email });
    expect(JSON.stringify(app.s().desks)).not.toContain(TOKEN);
    expect(JSON.stringify(app.s().desks)).not.toContain(alice().apiToken);
    // Both desks' departments in the catalog for the popup.
    expect(new Set(app.s().departments.map((d) => d.deskId))).toEqual(new Set([RT_ID, JSM_ID()]));
    // One permission prompt per Save, inside the click, for exactly that desk's origin.
    expect(app.requestOrigin.mock.calls).toEqual([[`${BASE}/*`], [`${jsm.url}/*`]]);
  });

  it('edits one desk without touching the other, keeping its token when the field stays empty', async () => {
    const app = setup();
    await app.s().load();
    await addRt(app);
    await addJsm(app);
    app.s().close();
    app.s().edit(RT_ID);
    expect(app.s().forms[RT_ID]?.input).toMatchObject({ kind: 'rt', baseUrl: BASE, token: '' });
    app.s().change(RT_ID, { timeoutSeconds: '45' });
    await app.s().save(RT_ID);
    expect(app.s().forms[RT_ID]?.error).toBeUndefined();
    const saved = await app.desks.getValue();
    expect(saved.map((d) => d.id)).toEqual([RT_ID, JSM_ID()]);
    expect(saved[0]).toMatchObject({ timeoutMs: 45_000, auth: { mode: 'token', token: TOKEN } });
    expect(saved[1]?.auth).toEqual({ mode: 'basic', token: alice().apiToken });
  });

  it('an edited desk whose address changes replaces itself, and does not take its token along', async () => {
    const app = setup();
    await app.s().load();
    await addRt(app);
    app.s().edit(RT_ID);
    app.s().change(RT_ID, { baseUrl: 'http://localhost:18080' });
    await app.s().test(RT_ID);
    expect(app.s().forms[RT_ID]?.problems).toEqual([{ field: 'token', code: 'required' }]);
    app.s().change(RT_ID, { token: TOKEN });
    await app.s().save(RT_ID);
    expect((await app.desks.getValue()).map((d) => d.id)).toEqual(['rt:localhost:18080']);
    expect(app.s().open).toBe('rt:localhost:18080');
    expect(app.s().forms[RT_ID]).toBeUndefined();
  });

  it('tests a desk form with one plain error, leaving the other desk as it was', async () => {
    const app = setup();
    await app.s().load();
    await addRt(app);
    await addJsm(app);
    app.s().edit(JSM_ID());
    app.s().change(JSM_ID(), { token: 'wrong-token' });
    await app.s().test(JSM_ID());
    expect(app.s().forms[JSM_ID()]).toMatchObject({ busy: 'idle', error: { kind: 'unauthorized' } });
    expect(app.s().forms[JSM_ID()]?.result).toBeUndefined();
    expect(app.s().forms[RT_ID]?.error).toBeUndefined();
    // Testing saves nothing.
    expect((await app.desks.getValue())[1]?.auth).toEqual({ mode: 'basic', token: alice().apiToken });
  });

  it('removes one desk: the list, the storage and the catalog lose it', async () => {
    const app = setup();
    await app.s().load();
    await addRt(app);
    await addJsm(app);
    await app.s().remove(RT_ID);
    expect(app.s().desks.map((d) => d.id)).toEqual([JSM_ID()]);
    expect(app.s().forms[RT_ID]).toBeUndefined();
    expect((await app.desks.getValue()).map((d) => d.id)).toEqual([JSM_ID()]);
    expect(app.s().departments.every((d) => d.deskId === JSM_ID())).toBe(true);
    expect(app.s().departments.length).toBeGreaterThan(0);
  });

  it('switching the kind picks a sign-in that desk accepts', () => {
    const app = setup();
    app.s().add();
    app.s().change(NEW_DESK, { authMode: 'session' });
    app.s().change(NEW_DESK, { kind: 'jsm-cloud' });
    expect(app.s().forms[NEW_DESK]?.input.authMode).toBe('basic');
    app.s().change(NEW_DESK, { kind: 'zendesk' });
    // Each employee signs in as themselves: a Zendesk API token is the whole account's.
    expect(app.s().forms[NEW_DESK]?.input.authMode).toBe('oauth');
    app.s().change(NEW_DESK, { authMode: 'basic' });
    app.s().change(NEW_DESK, { kind: 'jsm-dc' });
    expect(app.s().forms[NEW_DESK]?.input.authMode).toBe('bearer');
  });

  it('shows a managed desk locked, and saves only the credentials for it', async () => {
    const app = setup({ managed: { desks: [{ kind: 'rt', url: BASE, name: 'Company desk' }] } });
    await app.s().load();
    expect(app.s().open).toBeNull();
    expect(app.s().desks).toMatchObject([{ id: RT_ID, name: 'Company desk', managed: true, hasToken: false }]);
    app.s().edit(RT_ID);
    app.s().change(RT_ID, { token: TOKEN });
    await app.s().save(RT_ID);
    expect(app.s().desks).toMatchObject([{ id: RT_ID, name: 'Company desk', managed: true, hasToken: true }]);
    expect(app.s().forms[RT_ID]?.result?.user.displayName).toBe('Alice Employee');
  });
});

describe('options store: a policy read late', () => {
  it('shows the desks and locks of a policy that differs from the one read before once it is read', async () => {
    // The browser just started: the policy read before (none) stood while Chromium's policy service started.
    const app = setup();
    await app.s().load();
    expect(app.s().desks).toEqual([]);
    expect(app.s().open).toBe(NEW_DESK); // the first step, while no desk is known
    expect(app.s().layered?.locked).toEqual([]);
    expect(app.s().prefs?.intervalMin).toBe(DEFAULT_PREFERENCES.intervalMin);
    app.newPolicy({ desks: [{ kind: 'rt', url: BASE, name: 'Company desk' }], rating: { enabled: false }, notifications: { intervalMin: 30 } });
    await vi.waitFor(() => expect(app.s().desks).toMatchObject([{ id: RT_ID, name: 'Company desk', managed: true }]));
    expect(app.s().open).toBeNull(); // the administrator's desk is there: the empty form went
    await vi.waitFor(() => expect(app.s().layered?.locked).toContain('rating'));
    await vi.waitFor(() => expect(app.s().prefs?.intervalMin).toBe(30));
  });
});

describe('options store: a policy read late, a desk being typed', () => {
  it('keeps a form for a new desk with something typed in it open', async () => {
    const app = setup();
    await app.s().load();
    app.s().change(NEW_DESK, { baseUrl: 'https://desk.example.com' });
    app.newPolicy({ desks: [{ kind: 'rt', url: BASE, name: 'Company desk' }] });
    await vi.waitFor(() => expect(app.s().desks).toHaveLength(1));
    expect(app.s().open).toBe(NEW_DESK);
    expect(app.s().forms[NEW_DESK]?.input.baseUrl).toBe('https://desk.example.com');
  });
});

describe('options store: preferences read while a change is sent', () => {
  it('a read answered after the change does not put the old values back, and a failed one says nothing', async () => {
    const app = setup();
    await app.s().load();
    await vi.waitFor(() => expect(app.s().prefs).not.toBeNull());
    const call = app.callThrough;
    let reads = 0;
    // The policy changed: its read of the preferences answers late (and, the second time, not at all).
    app.call.mockImplementation((async (name: string, request: unknown) => {
      if (name !== 'prefs.get') return call(name as never, request as never);
      const answer = ++reads === 1 ? await call(name as never, request as never) : { ok: false, error: { kind: 'offline', retryable: true } };
      await new Promise((r) => setTimeout(r, 30));
      return answer;
    }) as typeof call);
    app.newPolicy(undefined);
    await app.s().setPrefs({ intervalMin: 15 });
    expect(app.s().prefs?.intervalMin).toBe(15);
    await new Promise((r) => setTimeout(r, 60));
    expect(app.s().prefs?.intervalMin).toBe(15);
    app.newPolicy(undefined);
    await new Promise((r) => setTimeout(r, 60));
    expect(app.s().failed.prefs).toBeUndefined();
    expect(app.s().prefs?.intervalMin).toBe(15);
  });
});

describe('options store: permission and problems', () => {
  it('says what to do when the permission is refused, and sends nothing', async () => {
    const app = setup({ granted: false });
    await app.s().load();
    app.s().change(NEW_DESK, { baseUrl: 'https://desk.example.com/rt', token: '1-27-abc' });
    await app.s().save(NEW_DESK);
    expect(app.s().forms[NEW_DESK]).toMatchObject({ busy: 'idle', error: { kind: 'permission', detail: 'https://desk.example.com' } });
    expect(app.call).not.toHaveBeenCalledWith('desk.save', expect.anything());
    expect(app.fetch).not.toHaveBeenCalled();
  });

  it('shows problems per field without asking for anything', async () => {
    const app = setup();
    await app.s().load();
    app.s().change(NEW_DESK, { kind: 'jsm-cloud' });
    app.s().change(NEW_DESK, { baseUrl: 'https://acme.atlassian.net/servicedesk', email: 'alice' });
    await app.s().test(NEW_DESK);
    expect(app.s().forms[NEW_DESK]?.problems).toEqual([
      { field: 'baseUrl', code: 'context-path' },
      { field: 'token', code: 'required' },
      { field: 'email', code: 'email-address' },
    ]);
    expect(app.requestOrigin).not.toHaveBeenCalled();
    // Fixing a field clears its problem only.
    app.s().change(NEW_DESK, { email: 'alice@example.com' });
    expect(app.s().forms[NEW_DESK]?.problems.map((p) => p.field)).toEqual(['baseUrl', 'token']);
  });

  it('signs in with Zendesk through the injected OAuth, then saves the desk', async () => {
    const oauthSignIn = vi.fn(async () => ({ mode: 'oauth' as const, token: 'access', refreshToken: 'refresh' }));
    const app = setup({ oauthSignIn });
    await app.s().load();
    app.s().change(NEW_DESK, { kind: 'zendesk', authMode: 'oauth' });
    app.s().change(NEW_DESK, { baseUrl: 'https://acme.zendesk.com', oauthClientId: 'instant_desk' });
    await app.s().signInOAuth(NEW_DESK);
    expect(oauthSignIn).toHaveBeenCalledWith(expect.objectContaining({ kind: 'zendesk', oauthClientId: 'instant_desk' }));
    expect(app.requestOrigin).toHaveBeenCalledWith('https://acme.zendesk.com/*');
    expect(await app.desks.getValue()).toMatchObject([{ id: 'zendesk:acme.zendesk.com', auth: { mode: 'oauth', token: 'access', refreshToken: 'refresh' } }]);
    expect(app.s().desks).toMatchObject([{ authMode: 'oauth', hasToken: true }]);
  });

  it('says OAuth is not available when no sign-in is wired', async () => {
    const app = setup();
    await app.s().load();
    app.s().change(NEW_DESK, { kind: 'zendesk', authMode: 'oauth' });
    app.s().change(NEW_DESK, { baseUrl: 'https://acme.zendesk.com', oauthClientId: 'instant_desk' });
    await app.s().signInOAuth(NEW_DESK);
    expect(app.s().forms[NEW_DESK]).toMatchObject({ busy: 'idle', error: { kind: 'config', detail: OAUTH_UNAVAILABLE } });
    expect(await app.desks.getValue()).toEqual([]);
  });
});

describe('options store: what could not be read or kept', () => {
  it('desks that could not be read are said, with Try again, and not taken for none (no first-desk form)', async () => {
    const app = setup({ failDeskReads: 1 });
    await app.desks.setValue([{ id: RT_ID, kind: 'rt', baseUrl: BASE, auth: { mode: 'token', token: TOKEN } } as DeskConfig]);
    await app.s().load();
    expect(app.s()).toMatchObject({ desksLoaded: true, desks: [], open: null, failed: { desks: 'read' } });
    await app.s().retry('desks');
    expect(app.s().failed.desks).toBeUndefined();
    expect(app.s().desks.map((d) => d.id)).toEqual([RT_ID]);
    expect(app.s().open).toBeNull();
  });

  it('a preference that was not kept is said, stays as it was, and Try again sends the same change', async () => {
    const app = setup({ failPrefsWrites: 1 });
    await app.s().load();
    await vi.waitFor(() => expect(app.s().prefs).not.toBeNull());
    await app.s().setPrefs({ notifications: false });
    expect(app.s().failed.prefs).toBe('write');
    expect(app.s().prefs?.notifications).toBe(true);
    expect((await app.preferences.getValue()).notifications).toBe(true);
    await app.s().retry('prefs');
    expect(app.s().failed.prefs).toBeUndefined();
    expect(app.s().prefs?.notifications).toBe(false);
    expect((await app.preferences.getValue()).notifications).toBe(false);
  });

  it('a change not kept stays said after another change is kept, in the card it belongs to', async () => {
    const app = setup({ failPrefsWrites: 1 });
    await app.s().load();
    await vi.waitFor(() => expect(app.s().prefs).not.toBeNull());
    await app.s().setPrefs({ ratings: false });
    await app.s().setPrefs({ intervalMin: 15 });
    expect(app.s()).toMatchObject({ failed: { prefs: 'write' } });
    expect(app.s().prefsUnsaved).toEqual({ ratings: false });
    expect(app.s().prefs).toMatchObject({ intervalMin: 15 });
    expect(prefsCardOf(app.s().prefsUnsaved, true)).toBe('rating');
    await app.s().retry('prefs');
    expect(app.s()).toMatchObject({ prefsUnsaved: {}, prefs: { ratings: false, intervalMin: 15 } });
    expect(app.s().failed.prefs).toBeUndefined();
  });

  it('says a preferences failure in the card of the change (the first card for a failed read, or a route card not shown)', () => {
    expect(prefsCardOf({}, true)).toBe('notifications');
    expect(prefsCardOf({ intervalMin: 15 }, true)).toBe('notifications');
    expect(prefsCardOf({ ratings: false }, false)).toBe('rating');
    expect(prefsCardOf({ pageProblemRoute: { deskId: 'rt', departmentId: 'IT' } }, true)).toBe('route');
    expect(prefsCardOf({ pageProblemRoute: { deskId: 'rt', departmentId: 'IT' } }, false)).toBe('notifications');
  });

  it('a catalog configuration that could not be read is not saved over; Try again reads it', async () => {
    const saved = '{ "order": ["IT"] }';
    const readConfigText = vi.fn().mockRejectedValueOnce(new Error('storage did not answer')).mockResolvedValue(saved);
    const writeConfigText = vi.fn(async () => undefined);
    const app = setup({ config: { readConfigText, writeConfigText } });
    await app.s().load();
    await vi.waitFor(() => expect(app.s().failed.config).toBe('read'));
    expect(app.s().configLoaded).toBe(false);
    await app.s().saveConfig();
    expect(writeConfigText).not.toHaveBeenCalled();
    expect(app.s().configSaved).toBe(false);
    await app.s().retry('config');
    expect(app.s()).toMatchObject({ configLoaded: true, configText: saved });
    expect(app.s().failed.config).toBeUndefined();
  });

  it('a full storage area on Save is said apart from other failures; the text stays, and Try again saves it', async () => {
    const full = new DOMException('Quota exceeded', 'QuotaExceededError');
    const writeConfigText = vi.fn().mockRejectedValueOnce(full).mockRejectedValueOnce(new Error('no answer')).mockResolvedValue(undefined);
    const app = setup({ config: { readConfigText: async () => '', writeConfigText } });
    await app.s().load();
    await vi.waitFor(() => expect(app.s().configLoaded).toBe(true));
    const text = '{ "order": ["Facilities"] }';
    app.s().setConfigText(text);
    await app.s().saveConfig();
    expect(app.s()).toMatchObject({ configText: text, configSaved: false, failed: { config: 'full' } });
    await app.s().retry('config');
    expect(app.s()).toMatchObject({ configText: text, configSaved: false, failed: { config: 'write' } });
    await app.s().retry('config');
    expect(app.s().configSaved).toBe(true);
    expect(app.s().failed.config).toBeUndefined();
    expect(writeConfigText).toHaveBeenLastCalledWith(text);
  });

  it('a catalog configuration edited while it is being saved is not said to be saved', async () => {
    let written!: () => void;
    const writeConfigText = vi.fn(() => new Promise<void>((r) => (written = r)));
    const app = setup({ config: { readConfigText: async () => '', writeConfigText } });
    await app.s().load();
    await vi.waitFor(() => expect(app.s().configLoaded).toBe(true));
    app.s().setConfigText('{ "order": ["Facilities"] }');
    const saving = app.s().saveConfig();
    await vi.waitFor(() => expect(writeConfigText).toHaveBeenCalledTimes(1));
    app.s().setConfigText('{ "order": ["Facilities", "IT"] }');
    written();
    await saving;
    expect(app.s()).toMatchObject({ configSaved: false, configText: '{ "order": ["Facilities", "IT"] }' });
    expect(app.s().failed.config).toBeUndefined();
    const again = app.s().saveConfig();
    await vi.waitFor(() => expect(writeConfigText).toHaveBeenCalledTimes(2));
    written();
    await again;
    expect(app.s().configSaved).toBe(true);
    expect(writeConfigText).toHaveBeenLastCalledWith('{ "order": ["Facilities", "IT"] }');
  });
});

/** The user's configuration text in memory, and the settings in effect read from it (under `managed`). */
function configText(initial: string, managed?: unknown) {
  let text = initial;
  const writeConfigText = vi.fn(async (next: string) => void (text = next));
  return {
    written: () => text,
    writeConfigText,
    config: { readConfigText: async () => text, writeConfigText, readSettings: async () => layer(managed, parseConfigText(text).config) },
  };
}

describe('options store: what is taken from the page', () => {
  async function loaded(app: ReturnType<typeof setup>) {
    await app.s().load();
    await vi.waitFor(() => expect(app.s().configLoaded && app.s().layered).toBeTruthy());
  }

  it('a switch is kept at once as the capture key of the configuration, the rest of it as it was, and shown in the editor', async () => {
    const user = configText('{ "order": ["IT"] }');
    const app = setup({ config: user.config });
    await loaded(app);
    expect(app.s().layered?.config.capture).toEqual({ screenshot: true, selection: true });
    const keeping = app.s().setCapture({ screenshot: false });
    // Switched at once, while it is kept (the switch does not spring back meanwhile).
    expect(app.s().layered?.config.capture?.screenshot).toBe(false);
    await keeping;
    expect(JSON.parse(user.written())).toEqual({ order: ['IT'], capture: { screenshot: false } });
    expect(app.s().layered?.config.capture).toEqual({ screenshot: false });
    expect(app.s().configText).toBe(user.written());
    await app.s().setCapture({ browser: false });
    expect(JSON.parse(user.written()).capture).toEqual({ screenshot: false, browser: false });
  });

  it('keeps two quick switches both, one after the other', async () => {
    const user = configText('');
    const app = setup({ config: user.config });
    await loaded(app);
    await Promise.all([app.s().setCapture({ browser: false }), app.s().setCapture({ selection: false })]);
    expect(JSON.parse(user.written())).toEqual({ capture: { browser: false, selection: false } });
    expect(app.s().layered?.config.capture).toEqual({ browser: false, selection: false });
  });

  it('puts the change into text typed in the editor and not saved, without saving that text', async () => {
    const user = configText('{ "order": ["IT"] }');
    const app = setup({ config: user.config });
    await loaded(app);
    app.s().setConfigText('{ "order": ["HR"] }');
    await app.s().setCapture({ selection: false });
    expect(JSON.parse(user.written())).toEqual({ order: ['IT'], capture: { selection: false } });
    expect(JSON.parse(app.s().configText)).toEqual({ order: ['HR'], capture: { selection: false } });
  });

  it('keeps a switch made while the editor held text that was not JSON yet, once that text is saved', async () => {
    const user = configText('{ "order": ["IT"] }');
    const app = setup({ config: user.config });
    await loaded(app);
    app.s().setConfigText('{ "order": ["IT", "HR"');
    await app.s().setCapture({ screenshot: false });
    expect(JSON.parse(user.written()).capture).toEqual({ screenshot: false });
    app.s().setConfigText('{ "order": ["IT", "HR"] }');
    await app.s().saveConfig();
    expect(JSON.parse(user.written())).toEqual({ order: ['IT', 'HR'], capture: { screenshot: false } });
    expect(app.s().layered?.config.capture?.screenshot).toBe(false);
    expect(JSON.parse(app.s().configText).capture).toEqual({ screenshot: false });
    // Changed by hand in the editor, the editor's capture is the one saved.
    app.s().setConfigText('{ "order": ["IT", "HR"], "capture": { "selection": false } }');
    await app.s().saveConfig();
    expect(JSON.parse(user.written()).capture).toEqual({ selection: false });
  });

  it('keeps what was typed by hand in the editor\'s capture when a switch is flipped before Save', async () => {
    const user = configText('{ "capture": { "screenshot": true, "selection": true } }');
    const app = setup({ config: user.config });
    await loaded(app);
    app.s().setConfigText('{ "capture": { "screenshot": true, "selection": false } }');
    await app.s().setCapture({ screenshot: false });
    expect(JSON.parse(app.s().configText).capture).toEqual({ screenshot: false, selection: false });
    await app.s().saveConfig();
    expect(JSON.parse(user.written()).capture).toEqual({ screenshot: false, selection: false });
  });

  it('a switch and a Save of the text one after the other: neither writes over the other', async () => {
    const user = configText('');
    const app = setup({ config: user.config });
    await loaded(app);
    app.s().setConfigText('{ "order": ["HR"] }');
    await Promise.all([app.s().saveConfig(), app.s().setCapture({ browser: false })]);
    expect(JSON.parse(user.written())).toEqual({ order: ['HR'], capture: { browser: false } });
  });

  it('a switch not kept (the saved text is not JSON) springs back to what is in effect', async () => {
    const user = configText('{ "order": [');
    const app = setup({ config: user.config });
    await loaded(app);
    await app.s().setCapture({ screenshot: false });
    expect(app.s().layered?.config.capture?.screenshot).not.toBe(false);
  });

  it('names patterns that cannot be used and keeps nothing; kept once they can', async () => {
    const user = configText('');
    const app = setup({ config: user.config });
    await loaded(app);
    await app.s().setCapture({ redact: ['EMP-\\d{6}', '(a+)+$'] });
    expect(app.s().captureProblems).toEqual([expect.objectContaining({ key: 'capture.redact[1]' })]);
    expect(user.writeConfigText).not.toHaveBeenCalled();
    await app.s().setCapture({ redact: ['EMP-\\d{6}'] });
    expect(app.s().captureProblems).toEqual([]);
    expect(app.s().layered?.config.capture?.redact).toEqual(['EMP-\\d{6}']);
  });

  it('keeps nothing over a saved text that is not JSON, and says so', async () => {
    const user = configText('{ "order": [');
    const app = setup({ config: user.config });
    await loaded(app);
    await app.s().setCapture({ screenshot: false });
    expect(app.s().captureProblems).toEqual([expect.objectContaining({ key: '(file)' })]);
    expect(user.writeConfigText).not.toHaveBeenCalled();
  });

  it('changes nothing the administrator set', async () => {
    const managed = { capture: { screenshot: false } };
    const user = configText('', managed);
    const app = setup({ managed, config: user.config });
    await loaded(app);
    await app.s().setCapture({ screenshot: true });
    expect(user.writeConfigText).not.toHaveBeenCalled();
    expect(app.s().layered?.config.capture).toEqual({ screenshot: false });
  });

  it('a change not kept (storage full) is said in its card, and Try again keeps it', async () => {
    const user = configText('');
    user.writeConfigText.mockRejectedValueOnce(new DOMException('Quota exceeded', 'QuotaExceededError'));
    const app = setup({ config: user.config });
    await loaded(app);
    await app.s().setCapture({ screenshot: false });
    expect(app.s().failed.capture).toBe('full');
    expect(app.s().layered?.config.capture).toEqual({ screenshot: true, selection: true });
    await app.s().retry('capture');
    expect(app.s().failed.capture).toBeUndefined();
    expect(app.s().layered?.config.capture).toEqual({ screenshot: false });
  });
});

describe('options store: About', () => {
  it('reads the version and permissions when the page opens, and again once a desk is saved (its address granted)', async () => {
    let origins: string[] = [];
    const readAbout = vi.fn(async () => ({ version: '1.2.3', permissions: ['storage'], origins }));
    const app = setup({ config: { readAbout } });
    await app.s().load();
    await vi.waitFor(() => expect(app.s().about).toEqual({ version: '1.2.3', permissions: ['storage'], origins: [] }));
    origins = ['http://127.0.0.1/*'];
    await addRt(app);
    await vi.waitFor(() => expect(app.s().about?.origins).toEqual(['http://127.0.0.1/*']));
  });
});
