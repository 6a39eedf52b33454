// Benchmark page (bench builds only): a hello-world React page, the control bench/memory-bare.mjs
// opens beside the popup (what any page that loads and renders React keeps in the process).
// `?wake`: it also asks the service worker one thing, as the popup does when it opens, so the
// worker runs (and stops 30 s after the last page) as it does beside the popup.
import { createRoot } from 'react-dom/client';

const root = document.getElementById('root');
if (root) createRoot(root).render(<p>Hello</p>);
if (new URLSearchParams(location.search).has('wake')) {
  // The browser's API directly, not through lib/platform: that would load the app's file too,
  // and the control would no longer be a hello-world page.
  void chrome.runtime.sendMessage({ channel: 'instant-desk', name: 'outbox.list', request: {} }).catch(() => undefined);
}
