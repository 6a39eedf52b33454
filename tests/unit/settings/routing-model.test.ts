// A routing model made by `npm run learn-routing`, handed in on the options page: put into the
// user's configuration as `routingModel` (checked by the policy's own schema), then saved and
// layered under whatever the administrator set.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { layer, parseConfigText, withRoutingModel } from '@/lib/settings/policy';
import { createOptionsStore } from '@/stores/options';
import { backgroundChain } from '../support/popup-chain';

const MODEL = {
  version: 1,
  source: 'http://127.0.0.1:18080 (120 requests)',
  built: '2026-12-05T08:00:00.000Z',
  labels: [
    { department: 'Facilities', requests: 60, terms: { door: 2.4, lock: 1.9 } },
    { department: 'IT', form: 'IT', requests: 60, terms: { zorbulator: 3.1 } },
  ],
};

describe('a routing model handed in on the options page', () => {
  it('goes into the configuration text as routingModel, next to what is there', () => {
    const result = withRoutingModel('{ "synonyms": [["laptop", "notebook"]] }', JSON.stringify(MODEL));
    expect('text' in result && JSON.parse(result.text)).toEqual({ synonyms: [['laptop', 'notebook']], routingModel: MODEL });
    const empty = withRoutingModel('', JSON.stringify(MODEL));
    expect('text' in empty && parseConfigText(empty.text)).toEqual({ config: { routingModel: MODEL }, problems: [] });
  });

  it('refuses a file that is not a model, and text it cannot add to, saying why', () => {
    expect(withRoutingModel('', 'not json')).toEqual({ problems: [expect.objectContaining({ key: 'routingModel', code: 'json' })] });
    expect(withRoutingModel('', JSON.stringify({ ...MODEL, version: 2 }))).toEqual({ problems: [expect.objectContaining({ key: 'routingModel.version', code: 'between' })] });
    expect(withRoutingModel('', JSON.stringify({ labels: [] }))).toEqual({ problems: [expect.objectContaining({ key: 'routingModel.version', code: 'required' })] });
    expect(withRoutingModel('{ "rules": [', JSON.stringify(MODEL))).toEqual({ problems: [expect.objectContaining({ key: '(file)', code: 'json' })] });
    expect(withRoutingModel('[]', JSON.stringify(MODEL))).toEqual({ problems: [expect.objectContaining({ key: '(file)', code: 'object' })] });
  });

  it('is saved by the options store and applies under the administrator\'s own model', async () => {
    let saved = '';
    fakeBrowser.reset();
    const store = createOptionsStore({
      client: backgroundChain().client, // the real chain: client → router → background → recorded RT
      requestOrigin: async () => true,
      readCatalog: async () => null,
      readSettings: async () => layer(undefined, JSON.parse(saved || "{}")),
      readConfigText: async () => saved,
      writeConfigText: async (text) => void (saved = text),
    });
    await store.getState().load();
    await vi.waitFor(() => expect(store.getState().configLoaded).toBe(true));
    store.getState().setConfigText('{ "order": ["IT"] }');
    store.getState().addRoutingModel('{ "version": 1 }');
    expect(store.getState().configProblems).toEqual([expect.objectContaining({ key: 'routingModel.labels', code: 'required' })]);
    expect(store.getState().configText).toBe('{ "order": ["IT"] }');
    store.getState().addRoutingModel(JSON.stringify(MODEL));
    expect(store.getState().configProblems).toEqual([]);
    await store.getState().saveConfig();
    expect(store.getState().layered?.config.routingModel).toEqual(MODEL);
    expect(store.getState().layered?.config.order).toEqual(['IT']);
    const managed = { routingModel: { ...MODEL, source: 'policy' } };
    expect(layer(managed, JSON.parse(saved))).toMatchObject({ config: { routingModel: { source: 'policy' } }, locked: ['routingModel'] });
  });
});
