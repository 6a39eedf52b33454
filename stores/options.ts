// The options page's state: the desks in effect, one form per desk being edited (with its test
// result), and the other settings.
import { createStore } from 'zustand/vanilla';
import type { Catalog, Department, DeskUser } from '@/lib/domain';
import type { Preferences } from '@/lib/settings/preferences';
import { DESK_KINDS, deskError, type DeskError, type DeskKind, type LocalFailure } from '@/lib/domain';
import type { Client } from '@/lib/messaging/protocol';
import { keptAuth, originPattern, validateDeskInput, type DeskInput, type DeskSummary, type SettingsProblem } from '@/lib/settings/desk';
import type { ExtensionAbout } from '@/lib/settings/about';
import type { CaptureSettings, ConfigProblem, Layered } from '@/lib/settings/policy';
import { configKeeper } from './options-config';

export interface OptionsDeps {
  client: Client;
  /** Must be called first thing in a click: browsers only prompt inside a user gesture. */
  requestOrigin: (pattern: string) => Promise<boolean>;
  readCatalog: () => Promise<Catalog | null>;
  /** The configuration in effect, with what the administrator locked. */
  readSettings?: () => Promise<Layered>;
  /**
   * Calls `changed` when the administrator's policy read now differs from the one read before: in
   * the first seconds after the browser starts, what the page showed was the policy read before.
   */
  watchPolicy?: (changed: () => void) => void;
  readConfigText?: () => Promise<string>;
  writeConfigText?: (text: string) => Promise<void>;
  /** The version and the permissions held now, for the About card. */
  readAbout?: () => Promise<ExtensionAbout>;
}

/** The key of the form for a desk being added; saved desks' forms are keyed by desk id. */
export const NEW_DESK = 'new';

/** The parts of the page that read or keep something of their own. */
export type OptionsPart = 'desks' | 'prefs' | 'config' | 'capture';

/** The cards that change preferences, each its own. */
export type PrefsCard = 'notifications' | 'rating' | 'route';

/**
 * The card where a failure of the preferences is said: the one whose change was not kept (a
 * failed read, or the route's card not shown for want of departments: the first).
 */
export function prefsCardOf(unsaved: Partial<Preferences>, routeShown: boolean): PrefsCard {
  const key = Object.keys(unsaved)[0] as keyof Preferences | undefined;
  return key === 'ratings' ? 'rating' : key === 'pageProblemRoute' && routeShown ? 'route' : 'notifications';
}

export type DeskBusy = 'idle' | 'testing' | 'saving' | 'signing-in' | 'removing';

export interface TestResult {
  user: DeskUser;
  departments: Department[];
}

export interface DeskForm {
  input: DeskInput;
  problems: SettingsProblem[];
  busy: DeskBusy;
  result?: TestResult;
  error?: DeskError;
  /** Why Remove did not remove it (said where Remove was pressed, apart from the test's error). */
  removeError?: DeskError;
  savedNow: boolean;
}

export interface OptionsState {
  desks: DeskSummary[];
  desksLoaded: boolean;
  /** Forms by desk id (or NEW_DESK); kept when closed, so a desk's last test stays in its row. */
  forms: Record<string, DeskForm>;
  /** The form shown: one at a time. */
  open: string | null;
  prefs: Preferences | null;
  departments: Department[];
  layered: Layered | null;
  configText: string;
  configProblems: ConfigProblem[];
  configSaved: boolean;
  /** The configuration text was read: until then it is not shown, and Save would write over it. */
  configLoaded: boolean;
  /** What could not be read or kept just now, by part: said in that part, with Try again; nothing typed is lost. */
  failed: Partial<Record<OptionsPart, LocalFailure>>;
  /** The preference changes not kept yet, with their values: what Try again sends again (keys oldest first). */
  prefsUnsaved: Partial<Preferences>;
  /** The configuration text as last read or saved (the editor's may have changes not saved). */
  configSavedText: string;
  /** What the page-context card could not keep: the problems of the patterns typed, or of the saved text around them. */
  captureProblems: ConfigProblem[];
  /** The page-context change not kept yet (Try again keeps it). */
  captureUnsaved?: Partial<CaptureSettings>;
  about: ExtensionAbout | null;
}

export interface OptionsActions {
  load(): Promise<void>;
  setPrefs(patch: Partial<Preferences>): Promise<void>;
  /** Opens an empty form for a new desk (Request Tracker with a token until changed). */
  add(): void;
  edit(id: string): void;
  close(): void;
  change(key: string, patch: Partial<DeskInput>): void;
  test(key: string): Promise<void>;
  save(key: string): Promise<void>;
  signInOAuth(key: string): Promise<void>;
  remove(id: string): Promise<void>;
  setConfigText(text: string): void;
  /** A routing model file (npm run learn-routing) put into the configuration text as `routingModel`; Save applies it. */
  addRoutingModel(fileText: string): void;
  saveConfig(): Promise<void>;
  /**
   * What is captured from the page by default, and the patterns blacked out: kept at once as the
   * `capture` key of the user's configuration (the one the text below edits), unless the
   * administrator set it. Patterns that cannot be used are named, and nothing is kept.
   */
  setCapture(patch: Partial<CaptureSettings>): Promise<void>;
  /** Tries again what failed in `part`: reads it again, or keeps again what was not kept. */
  retry(part: OptionsPart): Promise<void>;
}

export type OptionsStore = ReturnType<typeof createOptionsStore>;

const EMPTY: DeskInput = { kind: 'rt', baseUrl: '', authMode: 'token', token: '', email: '' };

const blank = (input: DeskInput): DeskForm => ({ input, problems: [], busy: 'idle', savedNow: false });

/** A form for a new desk as it was opened: nothing typed, tested or sent. */
const untouched = (form: DeskForm) => JSON.stringify(form.input) === JSON.stringify(EMPTY) && form.busy === 'idle' && !form.result && !form.error && form.problems.length === 0;

export function inputOf(s: DeskSummary): DeskInput {
  return {
    kind: s.kind,
    baseUrl: s.baseUrl,
    authMode: s.authMode,
    token: '',
    email: s.email ?? '',
    timeoutSeconds: s.timeoutMs ? String(s.timeoutMs / 1000) : '',
    ...(s.oauthClientId ? { oauthClientId: s.oauthClientId } : {}),
  };
}

const without = (forms: Record<string, DeskForm>, key: string) => Object.fromEntries(Object.entries(forms).filter(([k]) => k !== key));

const problemsOf = (error: DeskError) => (error.problems as SettingsProblem[] | undefined) ?? [];

export function createOptionsStore(deps: OptionsDeps) {
  return createStore<OptionsState & OptionsActions>()((set, get) => {
    const savedDesk = (key: string) => get().desks.find((d) => d.id === key);
    const formOf = (key: string): DeskForm => {
      const desk = savedDesk(key);
      return get().forms[key] ?? blank(desk ? inputOf(desk) : EMPTY);
    };
    const patchForm = (key: string, patch: Partial<DeskForm>) => set({ forms: { ...get().forms, [key]: { ...formOf(key), ...patch } } });

    /**
     * Local checks, then the origin permission; false when the user must fix something. No await
     * before the permission request: it has to stay inside the click.
     */
    async function prepare(key: string, busy: DeskBusy): Promise<boolean> {
      const { input } = formOf(key);
      const { config, problems } = validateDeskInput(input, keptAuth(savedDesk(key), input));
      patchForm(key, { busy, problems, error: undefined, result: undefined, savedNow: false });
      if (!config) return false;
      const granted = await deps.requestOrigin(originPattern(config.baseUrl));
      if (!granted) patchForm(key, { error: deskError('permission', { detail: new URL(config.baseUrl).origin }) });
      return granted;
    }

    /** Who the desk says we are and which departments it offers, shown in the desk's form. */
    async function check(key: string) {
      const r = await deps.client.call('desk.test', { input: formOf(key).input });
      patchForm(key, r.ok ? { result: r.value } : { error: r.error, problems: problemsOf(r.error) });
    }

    const fail = (part: OptionsPart, failure: LocalFailure | undefined) => set({ failed: { ...get().failed, [part]: failure } });
    const config = configKeeper({ deps, get, set, fail });

    /** The saved desks; on a first visit (none saved), the form to add one. */
    async function loadDesks() {
      const r = await deps.client.call('desk.list', {});
      set({ desksLoaded: true, ...(r.ok ? { desks: r.value } : {}) });
      fail('desks', r.ok ? undefined : 'read');
      // Nothing set up yet: the form to add the first desk is the page's first step. Not when the
      // list could not be read: the desks may well be there.
      if (r.ok && get().desks.length === 0 && get().open === null) get().add();
      // Desks there now (the administrator's, from a policy read late): an empty form for a
      // first desk, nothing typed in it, is no longer the page's first step.
      const adding = get().open === NEW_DESK ? get().forms[NEW_DESK] : undefined;
      if (r.ok && get().desks.length > 0 && adding && untouched(adding)) get().close();
    }

    // Which preferences answer is the newest asked for: a read answered after a change was sent
    // (the policy changed meanwhile) does not put the values from before the change back.
    let prefsTurn = 0;

    /** The preferences in effect; `quiet`: a read that fails says nothing (what is shown stays). */
    async function loadPrefs(quiet = false) {
      const turn = ++prefsTurn;
      const r = await deps.client.call('prefs.get', {});
      if (turn !== prefsTurn) return;
      if (r.ok) set({ prefs: r.value });
      if (!quiet) fail('prefs', r.ok ? undefined : 'read');
    }

    /** What the administrator locked: unread, nothing shows locked (the background enforces it anyway). */
    async function loadLayered() {
      const layered = await deps.readSettings?.().catch(() => undefined);
      if (layered) set({ layered });
    }

    /** The version and the permissions held now (a desk's origin is granted as it is saved). */
    async function loadAbout() {
      const about = await deps.readAbout?.().catch(() => undefined);
      if (about) set({ about });
    }

    /** A desk was saved under `key`: its form now lives under the desk's id (new, or a changed address). */
    async function saved(key: string, summary: DeskSummary) {
      const r = await deps.client.call('desk.list', {});
      const form = formOf(key);
      set({
        desks: r.ok ? r.value : get().desks,
        forms: { ...without(get().forms, key), [summary.id]: { ...form, input: { ...form.input, token: '' }, busy: 'testing' } },
        open: get().open === key ? summary.id : get().open,
      });
      // The origin was granted in this click; asking again now, outside it, fails in Firefox.
      await check(summary.id);
      set({ departments: (await deps.readCatalog())?.departments ?? get().departments });
      patchForm(summary.id, { savedNow: true, busy: 'idle' });
      void loadAbout();
    }

    /** Saves through `name` (plain save, or the OAuth sign-in that saves). */
    async function keep(key: string, name: 'desk.save' | 'desk.oauth', busy: DeskBusy) {
      if (await prepare(key, busy)) {
        const id = key === NEW_DESK ? undefined : key;
        const r = await deps.client.call(name, { input: formOf(key).input, ...(id ? { id } : {}) });
        if (r.ok) return saved(key, r.value);
        patchForm(key, { error: r.error, problems: problemsOf(r.error) });
      }
      patchForm(key, { busy: 'idle' });
    }

    return {
      desks: [],
      desksLoaded: false,
      forms: {},
      open: null,
      prefs: null,
      departments: [],
      layered: null,
      configText: '',
      configProblems: [],
      configSaved: false,
      configLoaded: false,
      failed: {},
      prefsUnsaved: {},
      configSavedText: '',
      captureProblems: [],
      about: null,

      setConfigText: config.setText,
      addRoutingModel: config.addRoutingModel,
      saveConfig: config.save,
      setCapture: config.setCapture,

      async setPrefs(patch) {
        prefsTurn++;
        const r = await deps.client.call('prefs.set', patch);
        if (r.ok) set({ prefs: r.value });
        // Kept: only what this change held is off the list; an earlier change not kept stays said.
        const changed = Object.keys(patch) as (keyof Preferences)[];
        const before = get().prefsUnsaved;
        const unsaved: Partial<Preferences> = r.ok
          ? Object.fromEntries(Object.entries(before).filter(([k]) => !changed.includes(k as keyof Preferences)))
          : { ...before, ...patch };
        set({ prefsUnsaved: unsaved });
        fail('prefs', Object.keys(unsaved).length > 0 ? 'write' : undefined);
      },

      async retry(part) {
        if (part === 'desks') return loadDesks();
        if (part === 'prefs') {
          const unsaved = get().prefsUnsaved;
          return Object.keys(unsaved).length > 0 ? get().setPrefs(unsaved) : loadPrefs();
        }
        return config.retry(part);
      },

      async load() {
        void loadPrefs();
        // The departments only offer the page-problem route, and the layered settings what the
        // administrator locked (which the background enforces anyway): unread, they stay empty.
        void deps.readCatalog().then(
          (c) => set({ departments: c?.departments ?? [] }),
          () => undefined,
        );
        void loadLayered();
        void config.load();
        void loadAbout();
        // The desks the administrator set, and what is locked, as the policy now in effect has them.
        deps.watchPolicy?.(() => {
          void loadDesks();
          void loadLayered();
          // The preferences in effect carry what the policy sets (notifications); a change not
          // kept stays as the user made it, to be sent again.
          if (Object.keys(get().prefsUnsaved).length === 0) void loadPrefs(true);
        });
        await loadDesks();
      },

      add() {
        set({ forms: { ...get().forms, [NEW_DESK]: blank(EMPTY) }, open: NEW_DESK });
      },

      edit(id) {
        if (!savedDesk(id)) return;
        set({ forms: { ...get().forms, [id]: formOf(id) }, open: id });
      },

      close() {
        set({ open: null, forms: without(get().forms, NEW_DESK) });
      },

      change(key, patch) {
        const before = formOf(key);
        const input = { ...before.input, ...patch };
        // Another desk kind: its recommended sign-in (a Zendesk desk after a JSM one is signed
        // in with Zendesk, not with an account-wide token), or the one chosen along with it.
        const modes = DESK_KINDS[input.kind as DeskKind].signIn;
        if (patch.kind && patch.kind !== before.input.kind && !patch.authMode) input.authMode = modes[0] ?? input.authMode;
        if (!modes.includes(input.authMode)) input.authMode = modes[0] ?? input.authMode;
        const fields = [...Object.keys(patch), ...(patch.kind ? ['authMode', 'baseUrl'] : [])];
        patchForm(key, { input, problems: before.problems.filter((p) => !fields.includes(p.field)), savedNow: false });
      },

      async test(key) {
        if (await prepare(key, 'testing')) await check(key);
        patchForm(key, { busy: 'idle' });
      },

      save: (key) => keep(key, 'desk.save', 'saving'),

      signInOAuth: (key) => keep(key, 'desk.oauth', 'signing-in'),

      async remove(id) {
        patchForm(id, { busy: 'removing', removeError: undefined });
        const r = await deps.client.call('desk.remove', { id });
        if (!r.ok) return patchForm(id, { busy: 'idle', removeError: r.error });
        set({ desks: r.value, forms: without(get().forms, id), open: get().open === id ? null : get().open });
        set({ departments: (await deps.readCatalog())?.departments ?? [] });
        void loadAbout();
      },
    };
  });
}
