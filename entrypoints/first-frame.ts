// The popup's first frame, as a classic script (not a module: it runs where the popup's HTML
// places it, right after the root element, while the page is parsed) built as one small file
// without React, the polyfill or the locale files. entrypoints/popup/index.html loads it.
import { beginFirstPaint, handOff } from './popup/first';

export default defineUnlistedScript(() => handOff(beginFirstPaint(document, location, () => Date.now())));
