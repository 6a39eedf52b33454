// The popup's first frame, as a classic script (not a module: it runs where the popup's HTML
// places it, right after the root element, while the page is parsed) built as one small file
// without React, the polyfill or the locale files. entrypoints/popup/index.html loads it; in a
// build it also starts the popup's module (named on this script by wxt.config.ts) once the
// frame is on screen.
import { lateModuleOf, startModuleAfterPaint } from '@/lib/platform/after-first-paint';
import { beginFirstPaint, handOff } from './popup/first';

export default defineUnlistedScript(() => {
  const module = lateModuleOf(document.currentScript);
  try {
    handOff(beginFirstPaint(document, location, () => Date.now()));
  } finally {
    if (module) startModuleAfterPaint(document, module, Boolean(document.getElementById('root')?.hasChildNodes()));
  }
});
