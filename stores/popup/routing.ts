// Routing from plain words: the vocabulary and stemmers arrive after the first frame
// (`loadRouting`, called when the browser is idle), with the user's own model; each request
// filed from a typed sentence teaches that model (kept on this computer only).
import type { Routing, RoutingModel, UserRouting } from '@/lib/catalog/routing';
import type { CatalogConfig } from '@/lib/settings/policy';
import type { RoutingSlice, Slice } from './types';

/** What `rank` takes: the router once loaded, the administrator's model, the user's own. */
export function routingOf(router: Routing | null, config: CatalogConfig, user: UserRouting | undefined) {
  if (!router) return undefined;
  const model = config.routingModel?.version === 1 ? (config.routingModel as RoutingModel) : undefined;
  return { router, ...(model ? { model } : {}), ...(user ? { user } : {}) };
}

export const routingSlice: Slice<RoutingSlice> = (set, get, deps, steps) => {
  steps.learn = (sentence, formKey) => {
    if (!sentence.trim() || !deps.writeUserRouting) return;
    const write = deps.writeUserRouting;
    // The module is loaded by now (loadRouting); learning itself needs no vocabulary.
    void import('@/lib/catalog/routing')
      .then(({ learnFromFiled }) => {
        const userRouting = learnFromFiled(get().userRouting, sentence, formKey);
        set({ userRouting });
        return write(userRouting);
      })
      .catch(() => undefined);
  };

  /** The load under way: asked for by the first keystroke and by idle time, loaded once. */
  let loading: Promise<void> | undefined;

  return {
    router: null,

    loadRouting() {
      if (get().router || !deps.loadRouting) return Promise.resolve();
      const load = deps.loadRouting;
      loading ??= (async () => {
        // The router ranks as soon as it is in; the user's own model (a storage read, slow while
        // keys flood the browser) joins when it arrives.
        const user = deps.readUserRouting?.().catch(() => null) ?? Promise.resolve(null);
        set({ router: await load() });
        performance.mark('popup:router');
        const userRouting = await user;
        if (userRouting) set({ userRouting });
      })().finally(() => (loading = undefined));
      return loading;
    },
  };
};
