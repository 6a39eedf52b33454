// The departments and forms: shown from storage first, refreshed from the background after.
import { formKey, type Catalog, type Department, type FieldSpec, type RequestForm } from '@/lib/domain';
import { DEFAULT_CONFIG } from '@/lib/settings/policy';
import type { CatalogSlice, Slice } from './types';

export const CATALOG_MAX_AGE_MS = 5 * 60 * 1000;

export function formOf(catalog: Catalog | null, ref: { deskId: string; formId: string } | null, fields: Record<string, FieldSpec[]> = {}): RequestForm | undefined {
  const form = ref ? catalog?.forms.find((f) => f.deskId === ref.deskId && f.id === ref.formId) : undefined;
  const known = form && fields[formKey(form)];
  return form && known ? { ...form, fields: known } : form;
}

export function departmentOf(catalog: Catalog | null, ref: { deskId: string; departmentId: string } | null): Department | undefined {
  return ref ? catalog?.departments.find((d) => d.deskId === ref.deskId && d.id === ref.departmentId) : undefined;
}

export const catalogSlice: Slice<CatalogSlice> = (set, get, deps) => ({
  ready: false,
  configured: undefined,
  catalog: null,
  config: DEFAULT_CONFIG,
  history: {},
  sync: 'idle',
  query: '',

  async refresh() {
    set({ sync: 'syncing', syncError: undefined });
    // Departments rarely change: a catalog from the last few minutes spares the desk.
    const result = await deps.client.call('catalog.refresh', { maxAgeMs: CATALOG_MAX_AGE_MS });
    if (result.ok) {
      // The same departments and forms keep the catalog shown: its search and routing indexes
      // are not built again in the middle of the person's typing.
      const kept = get().catalog;
      const same = kept && sameContent(kept, result.value);
      set({ catalog: same ? kept : result.value, configured: true, sync: 'idle' });
    } else {
      const notConfigured = result.error.kind === 'config';
      set({ sync: 'error', syncError: result.error, configured: notConfigured ? false : get().configured ?? Boolean(get().catalog) });
    }
  },

  setQuery(query) {
    set({ query });
    deps.keepTyped?.(query);
    // What is typed is ranked by meaning as soon as the vocabulary is in: the first keystroke
    // asks for it rather than waiting for idle time, which fast typing leaves little of.
    if (query.trim() && !get().router) void get().loadRouting().catch(() => undefined);
  },
});

const sameContent = (a: Catalog, b: Catalog) => a === b || (JSON.stringify(a.departments) === JSON.stringify(b.departments) && JSON.stringify(a.forms) === JSON.stringify(b.forms));
