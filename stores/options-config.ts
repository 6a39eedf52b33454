// The options page's configuration text and the "From the page" switches: one stored text,
// changed by Save of the editor and by each switch, one at a time (stores/options.ts uses it).
import { isQuotaError } from '@/lib/requests/blobs';
import { parseConfigText, withConfigKey, withRoutingModel, type CaptureSettings } from '@/lib/settings/policy';
import type { OptionsActions, OptionsDeps, OptionsPart, OptionsState } from './options';
import type { LocalFailure } from '@/lib/domain';

interface KeeperDeps {
  deps: OptionsDeps;
  get(): OptionsState & OptionsActions;
  set(patch: Partial<OptionsState>): void;
  fail(part: OptionsPart, failure: LocalFailure | undefined): void;
}

export function configKeeper({ deps, get, set, fail }: KeeperDeps) {
  async function loadConfig() {
    if (!deps.readConfigText) return set({ configLoaded: true });
    try {
      const configText = await deps.readConfigText();
      owed = undefined;
      set({ configText, configSavedText: configText, configProblems: parseConfigText(configText).problems, configLoaded: true });
      fail('config', undefined);
    } catch {
      fail('config', 'read');
    }
  }

  // The capture switches and Save of the configuration text change one stored text: one at a time.
  let configTurns: Promise<unknown> = Promise.resolve();
  const inTurn = (step: () => Promise<void>): Promise<void> => {
    const run = configTurns.then(step);
    configTurns = run.catch(() => undefined);
    return run;
  };
  /**
   * The switches kept while the editor's text could not take them (not JSON mid-edit): put into
   * it when it can (the next switch, or Save), over what it says of those switches alone.
   */
  let owed: Partial<CaptureSettings> | undefined;

  /** The configuration text of the editor, written as it is but for a capture the switches changed meanwhile. */
  async function keepConfig(): Promise<void> {
    let text = get().configText;
    const { problems } = parseConfigText(text);
    set({ configProblems: problems });
    // Not JSON at all: nothing to keep. Otherwise the valid keys apply and the bad ones are named.
    if (problems.some((p) => p.key === '(file)')) return;
    // What was saved before could not be read: saving now would write over it unseen.
    if (!get().configLoaded) return;
    const paid = owed;
    if (paid) {
      const withSwitches = withConfigKey(text, 'capture', { ...parseConfigText(text).config.capture, ...paid });
      if ('text' in withSwitches) text = withSwitches.text;
    }
    const typed = get().configText;
    try {
      await deps.writeConfigText?.(text);
    } catch (err) {
      return fail('config', isQuotaError(err) ? 'full' : 'write');
    }
    fail('config', undefined);
    if (owed === paid) owed = undefined;
    set({ configSavedText: text, ...(get().configText === typed ? { configText: text } : {}) });
    const layered = (await deps.readSettings?.().catch(() => undefined)) ?? get().layered;
    // Edited while it was being kept: what is in the editor now is not what was saved.
    set({ configSaved: get().configText === text, layered });
  }
  async function keepCapture(patch: Partial<CaptureSettings>): Promise<void> {
    if (get().layered?.locked.includes('capture') || !get().configLoaded) return;
    const settingsNow = async () => (await deps.readSettings?.().catch(() => undefined)) ?? get().layered;
    const saved = get().configSavedText;
    const next: CaptureSettings = { ...parseConfigText(saved).config.capture, ...patch };
    const changed = withConfigKey(saved, 'capture', next);
    // The saved text is not JSON to change (typed by hand): said here, nothing kept, the switches as they are.
    if ('problems' in changed) return set({ captureProblems: changed.problems, captureUnsaved: undefined, layered: await settingsNow() });
    const problems = parseConfigText(changed.text).problems.filter((p) => p.key.startsWith('capture'));
    set({ captureProblems: problems });
    if (problems.length > 0) return set({ layered: await settingsNow() });
    try {
      await deps.writeConfigText?.(changed.text);
    } catch (err) {
      // Not kept: the switches as they are in effect, and the change said in the card.
      set({ captureUnsaved: { ...get().captureUnsaved, ...patch }, layered: await settingsNow() });
      return fail('capture', isQuotaError(err) ? 'full' : 'write');
    }
    fail('capture', undefined);
    // The editor shows the same change: over its text when nothing else was typed there, else into it.
    const editor = get().configText;
    const typed = editor === saved ? changed : withConfigKey(editor, 'capture', { ...parseConfigText(editor).config.capture, ...owed, ...patch });
    // Not JSON just now (being typed): it takes the change when it can (keepConfig).
    owed = 'text' in typed ? undefined : { ...owed, ...patch };
    set({ configSavedText: changed.text, configText: 'text' in typed ? typed.text : editor, configSaved: false, captureUnsaved: undefined });
    set({ layered: await settingsNow() });
  }

  return {
    load: loadConfig,
    setText: (configText: string) => set({ configText, configSaved: false }),

    addRoutingModel(fileText: string) {
      const result = withRoutingModel(get().configText, fileText);
      if ('problems' in result) set({ configProblems: result.problems });
      else set({ configText: result.text, configProblems: parseConfigText(result.text).problems, configSaved: false });
    },

    save: () => inTurn(keepConfig),

    setCapture(patch: Partial<CaptureSettings>) {
      // Shown switched at once: the switch does not spring back while it is kept.
      const shown = get().layered;
      if (shown && !shown.locked.includes('capture') && get().configLoaded && !patch.redact)
        set({ layered: { ...shown, config: { ...shown.config, capture: { ...shown.config.capture, ...patch } } } });
      // One after another: each starts from the text the one before kept (two quick switches both stay).
      return inTurn(() => keepCapture(patch));
    },

    /** Try again for the configuration's parts: read it again, or keep again what was not kept. */
    retry(part: 'config' | 'capture'): Promise<void> {
      if (!get().configLoaded) return loadConfig();
      if (part === 'config') return get().saveConfig();
      const unsaved = get().captureUnsaved;
      return unsaved ? get().setCapture(unsaved) : Promise.resolve();
    },
  };
}
