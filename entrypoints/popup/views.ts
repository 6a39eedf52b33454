// The views other than home, each its own chunk: loaded when first opened, and fetched while
// the browser is idle once the first frame is out, so opening one later does not wait.
export const loadFormView = () => import('@/components/popup/FormView');
export const loadConversationView = () => import('@/components/popup/ConversationView');
export const loadRequestsView = () => import('@/components/popup/RequestsView');
export const loadSentView = () => import('@/components/popup/SentView');

/** Fetches every view's chunk, one after the other, without rendering any. */
export async function preloadViews(): Promise<void> {
  for (const load of [loadFormView, loadRequestsView, loadSentView, loadConversationView]) await load().catch(() => undefined);
}
