// The popup's module entry, kept small (no React, no zustand): it takes over the first frame
// that entrypoints/first-frame.ts painted while the HTML was parsed (or begins it, when that
// script did not run), then starts the React app, which takes over the same markup.
import '@/components/styles.css';
import { beginFirstPaint, takeFirstPaint } from './first';

async function main() {
  const root = document.getElementById('root') as HTMLElement;
  const first = takeFirstPaint() ?? beginFirstPaint(document, location, () => Date.now());
  const painted = await first.painted;
  const { startApp } = await import('./start');
  await startApp({ root, early: first.early, painted, frame: first.frame, pageUrl: first.pageUrl });
}

void main();
