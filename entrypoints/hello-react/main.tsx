// Benchmark page (bench builds only): a hello-world React page, the control bench/memory-bare.mjs
// opens beside the popup (what any page that loads and renders React keeps in the process).
// `?wake`: it also asks the service worker one thing, as the popup does when it opens, so the
// worker runs (and stops 30 s after the last page) as it does beside the popup; `?wake&sync`: the
// thing asked is the popup's own look at the desk.
import { createRoot } from 'react-dom/client';

const root = document.getElementById('root');
if (root) createRoot(root).render(<p>Hello</p>);
const asks = new URLSearchParams(location.search);
if (asks.has('wake')) {
  // The browser's API directly, not through lib/platform: that would load the app's file too,
  // and the control would no longer be a hello-world page. `&sync`: the worker is asked for the
  // look at the desk the popup asks for as it opens, instead of a list it holds.
  const message = asks.has('sync') ? { name: 'requests.sync', request: { full: true } } : { name: 'outbox.list', request: {} };
  void chrome.runtime.sendMessage({ channel: 'instant-desk', ...message }).catch(() => undefined);
}
