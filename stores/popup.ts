// The popup's UI state: one store of slices, one concern each (stores/popup/): navigation,
// catalog (and search), drafts (and the forms' fields), context (the page's, the draft's),
// submit (and the outbox's answer), report. It renders first from what is stored (catalog,
// drafts) and refreshes after; every side effect goes through the injected dependencies.
import { createStore } from 'zustand/vanilla';
import { DEFAULT_CONFIG } from '@/lib/settings/policy';
import { pageKey, type Draft } from '@/lib/requests/draft';
import { catalogSlice, formOf } from './popup/catalog';
import { contextSlice } from './popup/context';
import { draftsSlice } from './popup/drafts';
import { navigationSlice } from './popup/navigation';
import { reportSlice } from './popup/report';
import { routingSlice } from './popup/routing';
import { submitSlice } from './popup/submit';
import type { Popup, PopupDeps, Steps } from './popup/types';

export { CATALOG_MAX_AGE_MS, departmentOf, formOf } from './popup/catalog';
export { routingOf } from './popup/routing';
export type { PopupActions, PopupDeps, PopupState, SyncState, View } from './popup/types';

export type PopupStore = ReturnType<typeof createPopupStore>;

export function createPopupStore(deps: PopupDeps) {
  return createStore<Popup>()((set, get, api) => {
    // Filled in by the slices below, each with the steps it owns; used only once actions run.
    const steps = {} as Steps;
    steps.until = (ready) =>
      ready(get())
        ? Promise.resolve()
        : new Promise((resolve) => {
            const stop = api.subscribe((state) => {
              if (!ready(state)) return;
              stop();
              resolve();
            });
          });
    const slices = {
      ...navigationSlice(set, get, deps, steps),
      ...catalogSlice(set, get, deps, steps),
      ...routingSlice(set, get, deps, steps),
      ...draftsSlice(set, get, deps, steps),
      ...contextSlice(set, get, deps, steps),
      ...submitSlice(set, get, deps, steps),
      ...reportSlice(set, get, deps, steps),
    };

    /** Start-up: what is stored first (catalog, drafts, a report, settings, history), then the page and the desk. */
    async function start() {
      const [catalog, drafts, report, url, settings, history] = await Promise.all([
        deps.readCatalog(),
        deps.drafts.list().catch(() => [] as Draft[]),
        deps.readReport?.() ?? null,
        deps.pageUrl?.().catch(() => undefined),
        deps.readSettings?.().catch(() => undefined),
        deps.readHistory?.().catch(() => undefined),
      ]);
      set({ config: settings?.config ?? DEFAULT_CONFIG, history: history ?? {} });
      const usable = drafts.filter((d) => formOf(catalog, d));
      steps.markStored(usable);
      if (report && formOf(catalog, report.draft)) {
        // The page as it was at the click: nothing is captured again.
        steps.openReport(report, { ready: true, catalog, configured: true, drafts: usable });
      } else {
        const page = pageKey(url);
        const here = usable.find((d) => (d.page ?? '') === page);
        set({ ready: true, catalog, configured: catalog ? true : undefined, page, drafts: usable, view: here ? 'form' : 'home' });
        if (here) void steps.openDraft(here);
        steps.capture(page);
      }
      await get().refresh();
    }

    return { ...slices, start };
  });
}
