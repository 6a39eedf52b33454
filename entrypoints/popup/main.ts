// The popup's module entry, kept small (no React, no zustand): it takes over the first frame
// that entrypoints/first-frame.ts painted before the browser's first frame (or begins it, when that
// script did not run), then starts the React app, which takes over the same markup.
import '@/components/styles.css';
import { loadRouting } from '@/lib/catalog/routing/load';
import { beginFirstPaint, takeFirstPaint } from './first';

async function main() {
  const root = document.getElementById('root') as HTMLElement;
  const first = takeFirstPaint() ?? beginFirstPaint(document, location, () => Date.now());
  const painted = await first.painted;
  // Routing from plain words is asked for beside React (from the same files, fetched side by
  // side), so it is in before a typed sentence ends; nothing waits for it.
  const routing = loadRouting();
  routing.catch(() => undefined);
  performance.mark('popup:module');
  const { startApp } = await import('./start');
  performance.mark('popup:app-loaded');
  await startApp({ root, early: first.early, painted, frame: first.frame, pageUrl: first.pageUrl, routing });
}

void main();
