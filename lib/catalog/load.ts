import type { Catalog, DeskAdapter, DeskConfig } from '../desks/types';

/** Departments and their forms from every configured desk, merged into one catalog. */
export async function loadCatalog(desks: { config: DeskConfig; adapter: DeskAdapter }[], now: number): Promise<Catalog> {
  const parts = await Promise.all(
    desks.map(async ({ adapter }) => {
      const departments = await adapter.listDepartments();
      const forms = (await Promise.all(departments.map((d) => adapter.listForms(d)))).flat();
      return { departments, forms };
    }),
  );
  return {
    departments: parts.flatMap((p) => p.departments),
    forms: parts.flatMap((p) => p.forms),
    fetchedAt: now,
  };
}
