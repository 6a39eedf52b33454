// The options page's state: the desk form, its test result and what is saved.
import { createStore } from 'zustand/vanilla';
import type { Catalog, Department, DeskUser } from '@/lib/domain';
import type { Preferences } from '@/lib/settings/preferences';
import { deskError, type DeskError } from '@/lib/domain';
import type { Client } from '@/lib/messaging/protocol';
import { originPattern, validateDeskInput, type DeskInput, type DeskSummary, type SettingsProblem } from '@/lib/settings/desk';
import { parseConfigText, type ConfigProblem, type Layered } from '@/lib/settings/policy';

export interface OptionsDeps {
  client: Client;
  /** Must be called first thing in a click: browsers only prompt inside a user gesture. */
  requestOrigin: (pattern: string) => Promise<boolean>;
  readCatalog: () => Promise<Catalog | null>;
  /** The configuration in effect, with what the administrator locked. */
  readSettings?: () => Promise<Layered>;
  readConfigText?: () => Promise<string>;
  writeConfigText?: (text: string) => Promise<void>;
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
  layered: Layered | null;
  configText: string;
  configProblems: ConfigProblem[];
  configSaved: boolean;
}

export interface OptionsActions {
  load(): Promise<void>;
  setPrefs(patch: Partial<Preferences>): Promise<void>;
  change(patch: Partial<DeskInput>): void;
  test(): Promise<void>;
  save(): Promise<void>;
  setConfigText(text: string): void;
  saveConfig(): Promise<void>;
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

    /** Who the desk says we are and which departments it offers, shown under the form. */
    async function check() {
      const r = await deps.client.call('desk.test', { input: get().input });
      set(r.ok ? { result: r.value } : { error: r.error, problems: (r.error.problems as SettingsProblem[] | undefined) ?? [] });
    }

    return {
      input: EMPTY,
      saved: null,
      problems: [],
      busy: 'idle',
      savedNow: false,
      prefs: null,
      departments: [],
      layered: null,
      configText: '',
      configProblems: [],
      configSaved: false,

      setConfigText: (configText) => set({ configText, configSaved: false }),

      async saveConfig() {
        const text = get().configText;
        const { problems } = parseConfigText(text);
        set({ configProblems: problems });
        // Not JSON at all: nothing to keep. Otherwise the valid keys apply and the bad ones are named.
        if (problems.some((p) => p.key === '(file)')) return;
        await deps.writeConfigText?.(text);
        set({ configSaved: true, layered: (await deps.readSettings?.()) ?? get().layered });
      },

      async setPrefs(patch) {
        const r = await deps.client.call('prefs.set', patch);
        if (r.ok) set({ prefs: r.value });
      },

      async load() {
        deps.client.call('prefs.get', {}).then((p) => p.ok && set({ prefs: p.value }));
        deps.readCatalog().then((c) => set({ departments: c?.departments ?? [] }));
        deps.readSettings?.().then((layered) => set({ layered }));
        deps.readConfigText?.().then((configText) => set({ configText, configProblems: parseConfigText(configText).problems }));
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
        if (await prepare()) await check();
        set({ busy: 'idle' });
      },

      async save() {
        set({ busy: 'saving' });
        if (await prepare()) {
          const r = await deps.client.call('desk.save', { input: get().input });
          if (r.ok) {
            set({ saved: r.value, input: { ...get().input, token: '' } });
            // The origin was granted in this click; asking again now, outside it, fails in Firefox.
            set({ busy: 'testing' });
            await check();
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
