// The catalog from every configured desk: departments and form headers only (one or two desk
// requests each); a form's fields are read when it is first opened (see fields.ts).
import type { Catalog, DeskConfig } from '../domain';
import type { DeskAdapter } from '../desks/types';

export async function loadCatalog(desks: { config: DeskConfig; adapter: DeskAdapter }[], now: number): Promise<Catalog> {
  const parts = await Promise.all(desks.map(({ adapter }) => adapter.listCatalog()));
  return {
    departments: parts.flatMap((p) => p.departments),
    forms: parts.flatMap((p) => p.forms),
    fetchedAt: now,
  };
}
