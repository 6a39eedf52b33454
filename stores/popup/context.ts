// What was captured from the page, and the context that goes with the open draft: the page's,
// or the one kept with the draft (selection, screenshot and its edits, attached files).
import { attachmentBytes, MAX_ATTACHMENT_BYTES } from '@/lib/requests/attachments';
import type { PageContext } from '@/lib/capture/context';
import { NO_CONTEXT, type ContextSlice, type Slice } from './types';

export const contextSlice: Slice<ContextSlice> = (set, get, deps, steps) => {
  /** Keeps the context with the draft, so a reopened popup shows the same selection and screenshot. */
  steps.saveContext = (context) => {
    set({ context });
    const draft = get().draft;
    if (draft && steps.isStored(draft)) void deps.drafts.saveContext(draft, context).then((r) => steps.noteRoom('context', r), () => undefined);
    // A new draft's fields that ask for the page take it now.
    steps.propose();
  };

  steps.capture = (page) => {
    void deps.client.call('context.capture', { tabId: deps.tabId }).then((r) => {
      const captured = r.ok ? r.value : NO_CONTEXT;
      set({ pageContext: captured });
      // A draft for this page without a kept context (or none open yet) takes the fresh one.
      const draft = get().draft;
      if (!get().contextLoading && !get().context && (!draft || (draft.page ?? '') === page)) steps.saveContext(captured);
    });
  };

  /** A change the user made to what is sent with the draft (screenshot edits, files): kept at once. */
  function editContext(change: (context: PageContext) => PageContext) {
    const { context, draft } = get();
    if (!context || !draft || get().submitting) return;
    steps.saveContext(change(context));
    if (!steps.isStored(draft)) steps.persist({ ...draft, updatedAt: deps.now() }, true);
  }

  return {
    page: '',
    pageContext: null,
    context: null,

    setScreenshot(dataUrl) {
      editContext((context) => ({ ...context, screenshot: dataUrl }));
    },

    attach(file, name) {
      const files = get().context?.files ?? [];
      const total = [...files, ...(file ? [file] : [])].reduce((n, f) => n + attachmentBytes(f), 0);
      if (!file || total > MAX_ATTACHMENT_BYTES) {
        set({ tooLarge: name });
        return;
      }
      set({ tooLarge: undefined });
      editContext((context) => ({ ...context, files: [...files, file] }));
    },

    detach(index) {
      set({ tooLarge: undefined });
      editContext((context) => ({ ...context, files: (context.files ?? []).filter((_, i) => i !== index) }));
    },
  };
};
