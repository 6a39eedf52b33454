// The views other than home, each its own chunk: loaded when first opened, and fetched while
// the browser is idle once the first frame is out, so opening one later does not wait.
import { createElement, lazy, type ComponentType } from 'react';

export const loadFormView = () => import('@/components/popup/FormView');
export const loadConversationView = () => import('@/components/popup/ConversationView');
export const loadRequestsView = () => import('@/components/popup/RequestsView');
export const loadSentView = () => import('@/components/popup/SentView');

/**
 * A view from its chunk. Once the chunk is in (`fetch`, see preloadViews) it is drawn in the
 * same render that opens it; React.lazy alone would first draw the Suspense fallback and then
 * hold the view back for React's fallback throttle (~300 ms) even with the chunk loaded.
 */
function chunk<P extends object>(load: () => Promise<ComponentType<P>>) {
  let ready: ComponentType<P> | undefined;
  let drawn: ComponentType<P> | undefined;
  const fetch = () =>
    load().then((component) => {
      ready = component;
      return component;
    });
  const Lazy = lazy(() => fetch().then((component) => ({ default: component })));
  function View(props: P) {
    // The same component on every render (a view first drawn lazily stays so: nothing remounts).
    drawn ??= ready ?? (Lazy as unknown as ComponentType<P>);
    return createElement(drawn, props);
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
