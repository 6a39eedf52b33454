// The catalog from every configured desk: departments and form headers only (one or two desk
// requests each); a form's fields are read when it is first opened (see fields.ts).
import type { Catalog, DeskConfig } from '../domain';
import type { DeskAdapter } from '../desks/types';

/**
 * One desk that cannot be reached does not hide the others: its part of the previous catalog is
 * kept. Only when no desk answers is it an error (the first desk's).
 */
export async function loadCatalog(desks: { config: DeskConfig; adapter: DeskAdapter }[], now: number, previous?: Catalog | null): Promise<Catalog> {
  const parts = await Promise.allSettled(desks.map(({ adapter }) => adapter.listCatalog()));
  if (parts.length > 0 && parts.every((p) => p.status === 'rejected')) throw (parts[0] as PromiseRejectedResult).reason;
  const kept = (deskId: string) => ({
    departments: previous?.departments.filter((d) => d.deskId === deskId) ?? [],
    forms: previous?.forms.filter((f) => f.deskId === deskId) ?? [],
  });
  const got = parts.map((p, i) => (p.status === 'fulfilled' ? p.value : kept(desks[i]?.config.id ?? '')));
  return {
    departments: got.flatMap((p) => p.departments),
    forms: got.flatMap((p) => p.forms),
    fetchedAt: now,
  };
}
