// The popup's entry, kept small (no React, no zustand): the first frame painted from one
// storage read, then the React app, which takes over the same markup.
import '@/components/styles.css';
import { isFirstFrame, paintable } from '@/lib/catalog/first-frame';
import { frameTabUrl, readFirstFrame } from '@/lib/platform/first-frame';
import { paintFirstFrame, type Early } from './paint';

/** `?tab=` when the popup was opened for a tab (as lib/platform/runtime's targetTabId). */
function tabOf(search: string): number | undefined {
  const id = Number(new URLSearchParams(search).get('tab'));
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

async function main() {
  const params = new URLSearchParams(location.search);
  if (params.has('report') || params.has('tab') || location.hash) document.body.classList.add('in-window');
  const root = document.getElementById('root') as HTMLElement;
  const early: Early = {};
  // Asked once: the first frame's page rules and the store both use it.
  const pageUrl = frameTabUrl(tabOf(location.search)).catch(() => undefined);
  // A report opens its form, #requests the list: only the home view has a first frame.
  const home = !params.has('report') && location.hash !== '#requests';
  const [frame, url] = home ? await Promise.all([readFirstFrame(isFirstFrame), pageUrl]) : [null, undefined];
  const painted = Boolean(frame && paintable(frame, url));
  if (frame && painted) paintFirstFrame(root, frame, url, Date.now(), early);
  const { startApp } = await import('./start');
  await startApp({ root, early, painted, frame, pageUrl });
}

void main();
