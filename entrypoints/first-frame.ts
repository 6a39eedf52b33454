// The popup's first frame, as a classic script (deferred and render-blocking in the popup's head:
// fetched while the head is parsed, run once the body is, before any frame is rendered; classic,
// as a module has no document.currentScript to read the late module from) built as one small file
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
