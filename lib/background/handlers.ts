// What the background does for each message. Every dependency comes in as a parameter, so
// tests run it with WXT's fake browser storage and a real or recorded desk.
import { loadCatalog } from '../catalog/load';
import { buildContext, type CaptureParts } from '../capture/context';
import { createAdapter } from '../desks/registry';
import type { Catalog, Department, DeskAdapter, DeskConfig } from '../desks/types';
import type { Fetch } from '../http/client';
import { DeskFailure, deskError } from '../http/errors';
import type { Handlers } from '../messaging/protocol';
import { submitRequest } from '../requests/submit';
import { originPattern, summarize, validateDeskInput, type DeskInput } from '../settings/desk';

interface Item<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
}

export interface BackgroundDeps {
  fetch: Fetch;
  now: () => number;
  desks: Item<DeskConfig[]>;
  catalog: Item<Catalog | null>;
  capture: (tabId?: number) => Promise<CaptureParts>;
  hasOrigin: (pattern: string) => Promise<boolean>;
}

export function createHandlers(deps: BackgroundDeps): Handlers {
  const adapterFor = (config: DeskConfig): DeskAdapter => createAdapter(config, { fetch: deps.fetch });

  async function reachable(config: DeskConfig): Promise<DeskAdapter> {
    if (!(await deps.hasOrigin(originPattern(config.baseUrl)))) {
      throw new DeskFailure(deskError('permission', { detail: new URL(config.baseUrl).origin }));
    }
    return adapterFor(config);
  }

  async function configFrom(input: DeskInput): Promise<DeskConfig> {
    const saved = (await deps.desks.getValue()).find((d) => d.baseUrl === input.baseUrl.trim().replace(/\/+$/, ''));
    const { config, problems } = validateDeskInput(input, saved?.auth.mode === 'token' ? saved.auth.token : undefined);
    if (!config) throw new DeskFailure(deskError('config', { field: problems[0]?.field, problems }));
    return config;
  }

  async function refreshCatalog(): Promise<Catalog> {
    const desks = await deps.desks.getValue();
    if (desks.length === 0) throw new DeskFailure(deskError('config', { detail: 'no desk' }));
    const adapters = await Promise.all(desks.map(async (config) => ({ config, adapter: await reachable(config) })));
    const catalog = await loadCatalog(adapters, deps.now());
    await deps.catalog.setValue(catalog);
    return catalog;
  }

  async function departmentOf(adapter: DeskAdapter, deskId: string, departmentId: string): Promise<Department> {
    const cached = (await deps.catalog.getValue())?.departments.find((d) => d.deskId === deskId && d.id === departmentId);
    if (cached) return cached;
    const found = (await adapter.listDepartments()).find((d) => d.id === departmentId);
    if (!found) throw new DeskFailure(deskError('not-found', { detail: 'department' }));
    return found;
  }

  return {
    'catalog.refresh': () => refreshCatalog(),

    'context.capture': async ({ tabId }) => buildContext(await deps.capture(tabId)),

    'request.submit': async (input) => {
      const config = (await deps.desks.getValue()).find((d) => d.id === input.draft.deskId);
      if (!config) throw new DeskFailure(deskError('config', { detail: 'desk' }));
      const adapter = await reachable(config);
      const department = await departmentOf(adapter, config.id, input.draft.departmentId);
      return submitRequest(adapter, department, input);
    },

    'desk.test': async ({ input }) => {
      const adapter = await reachable(await configFrom(input));
      const user = await adapter.whoAmI();
      return { user, departments: await adapter.listDepartments() };
    },

    'desk.save': async ({ input }) => {
      const config = await configFrom(input);
      await deps.desks.setValue([config]);
      await deps.catalog.setValue(null);
      // A fresh catalog for the next popup; the options page shows its own test result.
      await refreshCatalog().catch(() => undefined);
      return summarize(config);
    },

    'desk.get': async () => {
      const [first] = await deps.desks.getValue();
      return first ? summarize(first) : null;
    },
  };
}
