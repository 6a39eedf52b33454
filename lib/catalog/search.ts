import type { Catalog, Department } from '../desks/types';

function fold(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

/** Departments whose name or description contain every typed word, name matches first. */
export function filterDepartments(catalog: Catalog, query: string): Department[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return catalog.departments;
  const scored = catalog.departments.flatMap((d) => {
    const name = fold(d.name);
    const text = `${name} ${fold(d.description)}`;
    if (!words.every((w) => text.includes(w))) return [];
    return [{ d, score: words.filter((w) => name.includes(w)).length }];
  });
  return scored.sort((a, b) => b.score - a.score).map((s) => s.d);
}
