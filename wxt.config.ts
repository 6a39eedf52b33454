import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { chromeMessages, fillMessages, msg } from './lib/i18n/manifest';

// The end-to-end build (INSTANT_DESK_E2E=1) may reach every origin: headless Chromium cannot
// click the toolbar button that grants activeTab, nor answer the runtime permission prompt
// for the desk origin (../shared/notes/chromium.md). Production builds never carry this.
const e2e = process.env.INSTANT_DESK_E2E === '1';
// The demo build may reach the local desk on this machine without a prompt; nothing else.
const demo = process.env.INSTANT_DESK_DEMO === '1';
// The benchmark build adds an empty page to compare the popup's start-up against, and a page
// that times catalog search in the browser.
const bench = process.env.INSTANT_DESK_BENCH === '1';
/**
 * The benches' empty extension page: a file, not an entrypoint. WXT adds a module script to every
 * HTML entrypoint (its plugins' loader), which the chunk groups below put in the libraries' file:
 * as an entrypoint, the "empty" page fetched and ran 266 KB of React before its load event.
 */
const blankHtml = (body: string) => `<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="UTF-8" />\n    <title>blank</title>\n  </head>\n  <body${body}</body>\n</html>\n`;
const BLANK_HTML = blankHtml('>\n    <p>blank</p>\n  ');
/** The same empty page at the popup's size (380 × 480 px, its shell's least height): a toolbar popup's window takes the page's size, so this is what a window that large costs with nothing in it. */
const BLANK_SIZED_HTML = blankHtml(' style="margin:0">\n    <p style="width:380px;height:480px;margin:0">blank</p>\n  ');
// The project's folder: the build's chunk groups name modules by their place in it.
const ROOT = fileURLToPath(new URL('.', import.meta.url));
/** `id`'s path in the project ('lib/...'), matched from its start: a checkout under a folder called lib (/var/lib/ci/...) matches nothing by that. */
const inProject = (pattern: RegExp) => (id: string) => pattern.test(relative(ROOT, id).split('\\').join('/'));

// A fixed key gives a fixed extension id, which managed policy files are keyed by.
const KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAryC040pAD3u4vEbFCjS3nMsCt7T9AYhKiJUytF/AHoItdwrfBVJGcfddIJ1Pk9qUQ/34RDIoEqcP7+cxZfRmbk5wJpEvBv20Q3nRZehnLugZmfpSakSulf4iZLFccevKcuLPzQzPb6HyZvS9ubuz54BuVpjRFwGMFylWBwdgqvWZm59VCXyz5+ypQ+qFo6d8za106ps8jgalsITeJygQBxgBVSXvxu9jnGzpbY7c1vMxP14fYzLJvbB64SLYlLwxcpim9dQHFYMIDfaS2OLZ7mPkeqUf0kdm0s57KYh24X53kYJTcqo0clIkrc2aW9m7nYrpDnrqL5N/DZzrm3jd6QIDAQAB';

/**
 * Every page's title from the locale file (lib/i18n/manifest.ts), and the popup's HTML as its
 * first frame needs it: the stylesheet inlined (one file fewer to fetch before the first paint,
 * and the first frame's classic script does not wait for it), and the module script with its
 * preloads taken out of the HTML and named on the first frame's script (data-module,
 * data-preload), which starts them once the frame is on screen (lib/platform/after-first-paint):
 * the preload scanner fetches nothing beside the first frame's script, and nothing is compiled
 * or run while that frame is presented. Only in builds (a dev server serves the HTML as it is).
 */
function popupHtml(): Plugin {
  return {
    name: 'instant-desk:popup-html',
    enforce: 'post',
    // A page's entry chunk imported by another chunk would run that page's start-up wherever it
    // is imported (the options page painting the popup): the chunk groups below must never
    // take an entry's module into a shared file.
    generateBundle(_, bundle) {
      const entries = new Set(Object.values(bundle).flatMap((c) => (c.type === 'chunk' && c.isEntry ? [c.fileName] : [])));
      for (const c of Object.values(bundle)) {
        const shared = c.type === 'chunk' ? [...c.imports, ...c.dynamicImports].filter((f) => entries.has(f)) : [];
        if (shared.length) this.error(`${c.fileName} imports the entry chunk ${shared.join(', ')}: that page's start-up would run in it`);
      }
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle || !/entrypoints\/popup\/index\.html$/.test(ctx.filename)) return fillMessages(html);
        const bundle = ctx.bundle;
        const out = html.replace(/<link rel="stylesheet"[^>]*href="\/([^"]+)"[^>]*>/g, (tag, file: string) => {
          const asset = bundle[file];
          return asset?.type === 'asset' ? `<style>${String(asset.source)}</style>` : tag;
        });
        let module = '';
        const preload: string[] = [];
        const rest = out.replace(/\s*<(script type="module"[^>]*><\/script|link rel="modulepreload"[^>]*)>/g, (tag: string) => {
          const src = /(?:src|href)="([^"]+)"/.exec(tag)?.[1] ?? '';
          if (tag.includes('<script')) module = src;
          else preload.push(src);
          return '';
        });
        // What the module asks for once it runs, fetched beside it instead of after it: the
        // chunks it imports dynamically (the app that starts React) with theirs.
        const chunk = bundle[module.replace(/^\//, '')];
        if (chunk?.type === 'chunk') {
          const seen = new Set([...preload, module]);
          const add = (file: string) => {
            const dep = bundle[file];
            if (seen.has(`/${file}`) || dep?.type !== 'chunk') return;
            seen.add(`/${file}`);
            preload.push(`/${file}`);
            dep.imports.forEach(add);
          };
          chunk.imports.forEach(add);
          chunk.dynamicImports.forEach(add);
        }
        const first = '<script defer blocking="render" src="/first-frame.js"></script>';
        // Without the first frame's script (or with a module it cannot name), the HTML keeps its module.
        if (!module || !rest.includes(first)) return fillMessages(out);
        return fillMessages(rest.replace(first, `<script defer blocking="render" src="/first-frame.js" data-module="${module}" data-preload="${preload.join(' ')}"></script>`));
      },
    },
  };
}

/** The locale file's keys the manifest uses. */
export const MANIFEST_KEYS = ['extension.name', 'extension.description', 'command.open', 'command.report'] as const;

export default defineConfig({
  outDir: e2e ? '.output/e2e' : demo ? '.output/demo' : bench ? '.output/bench' : '.output',
  filterEntrypoints: ['background', 'popup', 'first-frame', 'options', ...(bench ? ['searchbench', 'hello-react'] : [])],
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // The browsers supported (Chrome MV3, Firefox 140+) preload modules natively: the popup's
  // first frame should not wait for one more script.
  vite: () => ({ build: { modulePreload: { polyfill: false } }, plugins: [popupHtml()] }),
  hooks: {
    // Every build's files ASCII (non-ASCII characters escaped): Blink keeps a script's source as
    // one byte per character only when all of it fits, else two; 76 characters such as "…" made
    // the app's 246 KiB file a 492 KiB string in each open popup's process (bench/memory-bare.mjs).
    'vite:build:extendConfig': (entrypoints, config) => {
      const output = config.build?.rollupOptions?.output;
      if (!output || Array.isArray(output)) return;
      output.charset = 'ascii';
      if (!entrypoints.some((e) => e.name === 'popup')) return;
      // The pages' code in few files: the libraries in one, the app's modules (lib, stores, the
      // popup's and shared components) in another, the entrypoints and the options page's own
      // components as they are. Each file is one request to the browser's extension loader, on the
      // browser's UI thread, which typing into the popup also goes through: split by module (26
      // files, 20 of them before React) the popup took over 20-45 ms later at rest and ~0.1 s later
      // while a sentence was typed (bench/popup.mjs, bench/ab.mjs). The options page loads the
      // popup's modules with them (~0.5 MB, once, on a page opened to set the desk up). Only the
      // pages' build: the service worker and the first frame are single files already.
      Object.assign(output, {
        codeSplitting: {
          groups: [
            { name: 'vendor', test: (id: string) => /[\\/]node_modules[\\/]/.test(id) || id.includes('wxt-html-plugins') },
            { name: 'app', test: inProject(/^(lib|stores|components\/(common|popup))\//) },
          ],
        },
      });
    },
    // The manifest's words through the browser's i18n, from lib/i18n/locales (see lib/i18n/manifest.ts).
    'build:publicAssets': (_, files) => {
      files.push({ relativeDest: '_locales/en/messages.json', contents: `${JSON.stringify(chromeMessages(MANIFEST_KEYS), null, 2)}\n` });
      if (bench)
        files.push({ relativeDest: 'blank.html', contents: BLANK_HTML }, { relativeDest: 'blank-sized.html', contents: BLANK_SIZED_HTML });
    },
  },
  manifest: ({ browser }) => ({
    default_locale: 'en',
    name: msg('extension.name'),
    description: msg('extension.description'),
    // Chrome reads enterprise policy for the extension through storage.managed, checked
    // against this schema; Firefox takes the same keys from policies.json ("3rdparty").
    ...(browser === 'chrome' ? { key: KEY, storage: { managed_schema: 'managed_schema.json' } } : {}),
    // `identity`: the sign-in window for desks that allow only OAuth (Zendesk); it shows no warning.
    // `idle`: no polling of the desk while the machine is locked or idle; it shows no warning.
    permissions: ['storage', 'activeTab', 'scripting', 'alarms', 'notifications', 'contextMenus', 'identity', 'idle'],
    commands: {
      _execute_action: { suggested_key: { default: 'Alt+Shift+D' }, description: msg('command.open') },
      'report-page': { suggested_key: { default: 'Alt+Shift+R' }, description: msg('command.report') },
    },
    host_permissions: e2e ? ['<all_urls>'] : demo || bench ? ['http://127.0.0.1/*'] : [],
    // The desk's origin is asked for at run time, when the user configures it.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: msg('extension.name') },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'instant-desk@instantdesk.example',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
