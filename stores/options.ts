// The options page's state: the desk form, its test result and what is saved.
import { createStore } from 'zustand/vanilla';
import type { Catalog, Department, DeskUser } from '@/lib/desks/types';
import type { Preferences } from '@/lib/settings/preferences';
import { deskError, type DeskError } from '@/lib/http/errors';
import type { Client } from '@/lib/messaging/protocol';
import { originPattern, validateDeskInput, type DeskInput, type DeskSummary, type SettingsProblem } from '@/lib/settings/desk';

export interface OptionsDeps {
  client: Client;
  /** Must be called first thing in a click: browsers only prompt inside a user gesture. */
  requestOrigin: (pattern: string) => Promise<boolean>;
  readCatalog: () => Promise<Catalog | null>;
}

export interface OptionsState {
  input: DeskInput;
  saved: DeskSummary | null;
  problems: SettingsProblem[];
  busy: 'idle' | 'testing' | 'saving';
  result?: { user: DeskUser; departments: Department[] };
  error?: DeskError;
  savedNow: boolean;
  prefs: Preferences | null;
  departments: Department[];
}

export interface OptionsActions {
  load(): Promise<void>;
  setPrefs(patch: Partial<Preferences>): Promise<void>;
  change(patch: Partial<DeskInput>): void;
  test(): Promise<void>;
  save(): Promise<void>;
}

const EMPTY: DeskInput = { kind: 'rt', baseUrl: '', authMode: 'token', token: '', email: '' };

export function createOptionsStore(deps: OptionsDeps) {
  return createStore<OptionsState & OptionsActions>()((set, get) => {
    /** Local checks, then the origin permission; undefined when the user must fix something. */
    async function prepare(): Promise<boolean> {
      const { input, saved } = get();
      const { config, problems } = validateDeskInput(input, saved?.hasToken && saved.baseUrl === input.baseUrl ? 'saved' : undefined);
      set({ problems, error: undefined, result: undefined });
      if (!config) return false;
      const granted = await deps.requestOrigin(originPattern(config.baseUrl));
      if (!granted) set({ error: deskError('permission', { detail: new URL(config.baseUrl).origin }) });
      return granted;
    }

    return {
      input: EMPTY,
      saved: null,
      problems: [],
      busy: 'idle',
      savedNow: false,
      prefs: null,
      departments: [],

      async setPrefs(patch) {
        const r = await deps.client.call('prefs.set', patch);
        if (r.ok) set({ prefs: r.value });
      },

      async load() {
        deps.client.call('prefs.get', {}).then((p) => p.ok && set({ prefs: p.value }));
        deps.readCatalog().then((c) => set({ departments: c?.departments ?? [] }));
        const r = await deps.client.call('desk.get', {});
        if (r.ok && r.value) {
          const s = r.value;
          set({
            saved: s,
            input: { kind: s.kind, baseUrl: s.baseUrl, authMode: s.authMode, token: '', email: s.email ?? '', timeoutSeconds: s.timeoutMs ? String(s.timeoutMs / 1000) : '' },
          });
        }
      },

      change(patch) {
        const fields = Object.keys(patch);
        set({ input: { ...get().input, ...patch }, problems: get().problems.filter((p) => !fields.includes(p.field)), savedNow: false });
      },

      async test() {
        set({ busy: 'testing', savedNow: false });
        if (await prepare()) {
          const r = await deps.client.call('desk.test', { input: get().input });
          set(r.ok ? { result: r.value } : { error: r.error, problems: (r.error.problems as SettingsProblem[] | undefined) ?? [] });
        }
        set({ busy: 'idle' });
      },

      async save() {
        set({ busy: 'saving' });
        if (await prepare()) {
          const r = await deps.client.call('desk.save', { input: get().input });
          if (r.ok) {
            set({ saved: r.value, input: { ...get().input, token: '' } });
            await get().test();
            set({ departments: (await deps.readCatalog())?.departments ?? get().departments });
            set({ savedNow: true });
          } else {
            set({ error: r.error, problems: (r.error.problems as SettingsProblem[] | undefined) ?? [] });
          }
        }
        set({ busy: 'idle' });
      },
    };
  });
}
