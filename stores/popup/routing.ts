// Routing from plain words: the vocabulary and stemmers arrive after the first frame
// (`loadRouting`, asked for beside React and by the first keystroke), with the user's own
// model; each request filed from a typed sentence teaches that model (kept on this computer only).
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
  /** The user's own model as stored, read once (null when there is none or it cannot be read). */
  let stored: Promise<UserRouting | null> | undefined;
  const readStored = () => (stored ??= deps.readUserRouting?.().catch(() => null) ?? Promise.resolve(null));
  /** The model in memory, else the stored one once read: what a new lesson adds to. */
  const current = async () => get().userRouting ?? (await readStored()) ?? undefined;

  steps.learn = (sentence, formKey) => {
    if (!sentence.trim() || !deps.writeUserRouting) return;
    const write = deps.writeUserRouting;
    // The module is loaded by now (loadRouting); learning itself needs no vocabulary. A lesson
    // learnt before the stored model was read adds to that model, not to nothing.
    void Promise.all([import('@/lib/catalog/routing'), current()])
      .then(([{ learnFromFiled }, before]) => {
        const userRouting = learnFromFiled(before, sentence, formKey);
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
        const user = readStored();
        set({ router: await load() });
        performance.mark('popup:router');
        const userRouting = await user;
        // Not over a lesson learnt meanwhile (which added to this same stored model).
        if (userRouting && !get().userRouting) set({ userRouting });
      })().finally(() => (loading = undefined));
      return loading;
    },
  };
};
