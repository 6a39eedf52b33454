// The layer table in lint/boundaries.js is enforced by the real eslint.config.js: forbidden
// imports fail, relative and `@/` alike, by the folder the importing file sits in.
import { describe, expect, it } from 'vitest';
import { ruleMessages } from '../support/lint';

/** The boundary errors for `code` linted as if it were the file at `filePath` (relative to the project). */
const layerErrors = (filePath: string, code: string) => ruleMessages(filePath, code, 'boundaries/layers');

describe('layer boundaries', { timeout: 30_000 }, () => {
  it('a component importing lib/http through the alias fails', async () => {
    const errors = await layerErrors('components/options/Probe.tsx', "import { DEFAULT_TIMEOUT_MS } from '@/lib/http/client';\nexport const probe = DEFAULT_TIMEOUT_MS;\n");
    expect(errors).toEqual([expect.stringContaining('components may not import lib/http')]);
  });

  it('a component importing an RT adapter by a relative path fails', async () => {
    const errors = await layerErrors('components/popup/Probe.tsx', "import { rtAdapter } from '../../lib/desks/rt/adapter';\nexport const probe = rtAdapter;\n");
    expect(errors).toEqual([expect.stringContaining('components may not import lib/desks')]);
  });

  it('a test file placed in lib/desks is lib/desks code: platform, components and stores all fail', async () => {
    const code = [
      "import { preferencesItem } from '../platform/storage';",
      "import { FormView } from '@/components/popup/FormView';",
      "import { usePopup } from '@/stores/popup';",
      'export const probe = [preferencesItem, FormView, usePopup];',
      '',
    ].join('\n');
    const errors = await layerErrors('lib/desks/probe.test.ts', code);
    expect(errors).toEqual([
      expect.stringMatching(/^1: lib\/desks may not import lib\/platform/),
      expect.stringMatching(/^2: lib\/desks may not import components/),
      expect.stringMatching(/^3: lib\/desks may not import stores/),
    ]);
  });

  it('a store importing lib/desks fails, even for types', async () => {
    const errors = await layerErrors('stores/probe.ts', "import type { DeskAdapter } from '@/lib/desks/types';\nexport type Probe = DeskAdapter;\n");
    expect(errors).toEqual([expect.stringContaining('stores may not import lib/desks')]);
  });

  it('lib/http importing lib/desks fails', async () => {
    const errors = await layerErrors('lib/http/probe.ts', "import { adapterFor } from '../desks/registry';\nexport const probe = adapterFor;\n");
    expect(errors).toEqual([expect.stringContaining('lib/http may not import lib/desks')]);
  });

  it('lib/domain importing anything else in lib fails', async () => {
    const parts = ['i18n', 'http', 'settings', 'platform', 'requests'];
    const code = parts.map((p, i) => `import * as m${i} from '../${p}';`).join('\n') + `\nexport const probe = [${parts.map((_, i) => `m${i}`).join(', ')}];\n`;
    const errors = await layerErrors('lib/domain/probe.ts', code);
    expect(errors).toEqual(parts.map((p, i) => expect.stringMatching(new RegExp(`^${i + 1}: lib/domain may not import lib/${p}`))));
    expect(await layerErrors('lib/domain/probe.ts', "import { x } from '@/lib/domain/errors';\nexport const probe = x;\n")).toEqual([]);
  });

  it('type-only parts accept `import type` only (verbatimModuleSyntax loads `import { type X }`)', async () => {
    expect(await layerErrors('lib/catalog/probe.ts', "import type { DeskAdapter } from '../desks/types';\nexport type Probe = DeskAdapter;\n")).toEqual([]);
    expect(await layerErrors('lib/catalog/probe.ts', "import { type DeskAdapter } from '../desks/types';\nexport type Probe = DeskAdapter;\n")).toEqual([
      expect.stringContaining('lib/catalog may import only types from lib/desks'),
    ]);
    expect(await layerErrors('lib/catalog/probe.ts', "export const probe = () => import('../desks/registry');\n")).toEqual([
      expect.stringContaining('lib/catalog may import only types from lib/desks'),
    ]);
  });

  it('a dynamic import is held to the table: a template path as a string, a path built at run time refused', async () => {
    expect(await layerErrors('lib/catalog/probe.ts', 'export const probe = () => import(`../desks/registry`);\n')).toEqual([
      expect.stringContaining('lib/catalog may import only types from lib/desks'),
    ]);
    expect(await layerErrors('lib/catalog/probe.ts', 'export const probe = (desk: string) => import(`../desks/${desk}/adapter`);\n')).toEqual([
      expect.stringContaining('An import path built at run time cannot be checked'),
    ]);
  });

  it("WXT's ways to the browser fail outside lib/platform: `#imports`, its auto-imported globals, in a component's .ts file too", async () => {
    expect(await ruleMessages('lib/catalog/probe.ts', "import { storage } from '#imports';\nexport const probe = storage;\n", 'no-restricted-imports')).toEqual([
      expect.stringContaining('Only lib/platform touches browser APIs'),
    ]);
    expect(await ruleMessages('stores/probe.ts', "import { browser } from '#imports';\nexport const probe = browser;\n", 'no-restricted-imports')).toEqual([
      expect.stringContaining('Only lib/platform touches browser APIs'),
    ]);
    const globalsUsed = "export const probe = () => [storage.getItem('local:x'), browser.runtime.id, chrome.runtime.id];\n";
    for (const file of ['lib/catalog/probe.ts', 'stores/probe.ts', 'components/options/probe.ts', 'components/popup/Probe.tsx'])
      expect(await ruleMessages(file, globalsUsed, 'no-restricted-globals'), file).toEqual([
        expect.stringContaining("'storage'"),
        expect.stringContaining("'browser'"),
        expect.stringContaining("'chrome'"),
      ]);
    expect(await ruleMessages('lib/platform/probe.ts', "import { storage } from '#imports';\nexport const probe = () => [storage, browser.runtime.id];\n", 'no-restricted-imports')).toEqual([]);
  });

  it('a folder in lib that the table does not place fails', async () => {
    const errors = await layerErrors('lib/zendesk/probe.ts', "import { deskError } from '../domain';\nexport const probe = deskError;\n");
    expect(errors).toEqual([expect.stringContaining('lib/zendesk is not placed in the layer table')]);
  });

  it('the allowed directions pass', async () => {
    expect(await layerErrors('components/popup/Probe.tsx', "import { optionLabel, type FieldSpec } from '@/lib/domain';\nexport const probe = (f: FieldSpec) => optionLabel(f, '');\n")).toEqual([]);
    expect(await layerErrors('lib/background/probe.ts', "import { adapterFor } from '../desks/registry';\nexport const probe = adapterFor;\n")).toEqual([]);
    expect(await layerErrors('stores/probe.ts', "import { isEnvelope } from '@/lib/messaging/protocol';\nexport const probe = isEnvelope;\n")).toEqual([]);
    expect(await layerErrors('entrypoints/popup/probe.ts', "import { adapterFor } from '@/lib/desks/registry';\nimport { usePopup } from '@/stores/popup';\nexport const probe = [adapterFor, usePopup];\n")).toEqual([]);
    expect(await layerErrors('tests/unit/probe.test.ts', "import { preferencesItem } from '@/lib/platform/storage';\nimport { FormView } from '../../components/popup/FormView';\nexport const probe = [preferencesItem, FormView];\n")).toEqual([]);
  });
});
