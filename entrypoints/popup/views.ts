// The views other than home, each behind an import(): in the build they are in the app's file with
// the rest of the popup's modules (wxt.config.ts groups them: every file is one more request to the
// browser's extension loader), so the import fetches nothing; `fetch` below is kept for a build
// that splits them again, and for the failure notice.
import { createElement, useEffect, useState, type ComponentType } from 'react';
import { t } from '@/lib/i18n';

export const loadFormView = () => import('@/components/popup/FormView');
export const loadConversationView = () => import('@/components/popup/ConversationView');
export const loadRequestsView = () => import('@/components/popup/RequestsView');
export const loadSentView = () => import('@/components/popup/SentView');

/**
 * A view from its module: drawn in the render that opens it once the module is in (`fetch`, see
 * preloadViews), else as soon as it arrives. Not React.lazy: after a Suspense fallback React
 * holds the view back for its fallback throttle (~300 ms) even when the chunk came at once.
 */
function chunk<P extends object>(load: () => Promise<ComponentType<P>>) {
  let ready: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const fetch = () =>
    (loading ??= load().then(
      (component) => (ready = component),
      (err: unknown) => {
        loading = undefined; // asked for again next time (a chunk fetch that failed once)
        throw err;
      },
    ));
  function View(props: P) {
    const [component, setComponent] = useState<ComponentType<P> | undefined>(() => ready);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (component || failed) return;
      let live = true;
      fetch().then(
        (c) => live && setComponent(() => c),
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, [component, failed]);
    if (component) return createElement(component, props);
    // A chunk that could not be read (an extension updated under the open popup): said, and asked for again.
    if (failed)
      return createElement(
        'div',
        { className: 'notice notice--error', role: 'alert' },
        createElement('p', null, t('popup.viewFailed')),
        createElement('button', { type: 'button', className: 'button button--small', onClick: () => setFailed(false) }, t('action.retry')),
      );
    return null;
  }
  return { View, fetch };
}

export const formView = chunk(() => loadFormView().then((m) => m.FormView));
export const conversationView = chunk(() => loadConversationView().then((m) => m.ConversationView));
export const requestsView = chunk(() => loadRequestsView().then((m) => m.RequestsView));
export const sentView = chunk(() => loadSentView().then((m) => m.SentView));
export const queuedView = chunk(() => loadSentView().then((m) => m.QueuedView));

/** Fetches every view's chunk, one after the other, without rendering any. */
export async function preloadViews(): Promise<void> {
  for (const view of [formView, requestsView, sentView, queuedView, conversationView]) await view.fetch().catch(() => undefined);
}
