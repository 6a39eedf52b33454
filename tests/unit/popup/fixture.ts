// A small catalog with an administrator's configuration, shared by the popup tests.
import type { Catalog, RequestForm } from '@/lib/domain';
import type { CatalogConfig } from '@/lib/settings/policy';

const form = (id: string, name: string, description = '', fields: RequestForm['fields'] = []): RequestForm => ({ deskId: 'rt', departmentIds: [id], id, name, description, fields });

export const catalog: Catalog = {
  fetchedAt: 0,
  departments: [
    { deskId: 'rt', id: '1', name: 'IT', description: 'Laptops, accounts, software' },
    { deskId: 'rt', id: '2', name: 'HR', description: 'Pay, leave, contracts' },
    { deskId: 'rt', id: '3', name: 'Facilities', description: 'Rooms, doors & desks' },
    { deskId: 'rt', id: '4', name: 'Legal', description: 'Contracts <and> "agreements"' },
  ],
  forms: [
    form('1', 'IT', 'Laptops, accounts, software'),
    form('2', 'HR', 'Pay, leave, contracts', [
      { id: '9', label: 'Topic', kind: 'select', required: false, options: [{ value: 'topic_payroll', label: 'Payroll' }, { value: 'topic_leave', label: 'Leave' }] },
    ]),
    form('3', 'Facilities', 'Rooms, doors & desks'),
    form('4', 'Legal', 'Contracts <and> "agreements"'),
    { ...form('5', 'Broken door', ''), departmentIds: ['3'] },
  ],
};

export const config: CatalogConfig = {
  departments: { IT: { helpsWith: 'Laptops and accounts', firstResponse: 'within 4 h' } },
  forms: { HR: { defaults: { Topic: 'Leave' } } },
  rules: [{ url: 'https://payroll.example.com/*', department: 'HR', fields: { Topic: 'payroll' } }],
  order: ['Facilities'],
};

/** Many forms, more than the home view draws. */
export function bigCatalog(n: number): Catalog {
  return {
    fetchedAt: 0,
    departments: Array.from({ length: n }, (_, i) => ({ deskId: 'rt', id: String(i), name: `Queue ${i}`, description: `Queue number ${i}` })),
    forms: Array.from({ length: n }, (_, i) => form(String(i), `Queue ${i}`, `Queue number ${i}`)),
  };
}
