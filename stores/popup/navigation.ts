// Which tab and which view: home (departments), a form, or the answer to a send.
import type { NavigationSlice, Slice } from './types';

export const navigationSlice: Slice<NavigationSlice> = (set, get, deps) => ({
  tab: deps.initialTab ?? 'new',
  view: 'home',

  setTab: (tab) => set({ tab }),

  back() {
    // A send under way goes on; its answer is not shown over what they open next.
    set({ view: 'home', problems: [], submitError: undefined, submitting: false });
  },

  fileAnother() {
    set({ view: 'home', outcome: undefined, queued: undefined, query: '', tab: 'new', context: get().pageContext });
  },
});
