// Which tab and which view: home (departments), a form, or the answer to a send.
import type { NavigationSlice, Slice } from './types';

export const navigationSlice: Slice<NavigationSlice> = (set, get, deps, steps) => ({
  tab: deps.initialTab ?? 'new',
  view: 'home',

  setTab: (tab) => set({ tab }),

  back() {
    // A send under way goes on; its answer is not shown over what they open next. One still
    // waiting for the form's fields or the page's capture has not started: it is dropped.
    steps.leftForm();
    set({ view: 'home', problems: [], submitError: undefined, submitting: false });
  },

  fileAnother() {
    set({ view: 'home', outcome: undefined, queued: undefined, query: '', tab: 'new', context: get().pageContext });
  },
});
