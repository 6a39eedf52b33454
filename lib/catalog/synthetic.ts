// A large made-up catalog for the search benchmark: many departments, many forms, words that
// overlap the way real catalogs do (every department has "request", "access", "issue").
import type { Catalog, Department, RequestForm } from '../domain';
import type { CatalogConfig } from '../settings/policy';

const AREAS = ['IT', 'HR', 'Facilities', 'Legal', 'Training', 'Finance', 'Procurement', 'Security', 'Travel', 'Payroll', 'Marketing', 'Research', 'Logistics', 'Quality', 'Compliance', 'Communications', 'Engineering', 'Sales', 'Support', 'Estates'];
const REGIONS = ['North', 'South', 'East', 'West', 'Central', 'Harbour', 'Airport', 'Campus', 'Tower', 'Lab'];
const THINGS = ['laptop', 'monitor', 'badge', 'door', 'contract', 'invoice', 'payslip', 'leave', 'course', 'vpn', 'password', 'printer', 'desk', 'parking', 'expense', 'licence', 'phone', 'account', 'mailbox', 'room', 'visitor', 'shipment', 'audit', 'policy', 'software', 'hardware', 'travel', 'booking', 'training', 'certificate'];
const ACTIONS = ['request', 'problem with', 'question about', 'change to', 'access to', 'report', 'order', 'cancel', 'renew', 'return'];

/** `departments` × `formsPerDepartment` forms, deterministic. */
export function syntheticCatalog(departments = 200, formsPerDepartment = 25): { catalog: Catalog; config: CatalogConfig } {
  const depts: Department[] = [];
  const forms: RequestForm[] = [];
  const config: CatalogConfig = { forms: {}, synonyms: [['laptop', 'notebook', 'computer'], ['badge', 'pass', 'key card'], ['leave', 'holiday', 'vacation']] };
  for (let d = 0; d < departments; d++) {
    const name = `${AREAS[d % AREAS.length]} ${REGIONS[Math.floor(d / AREAS.length) % REGIONS.length]}${d >= AREAS.length * REGIONS.length ? ` ${d}` : ''}`;
    depts.push({ deskId: 'rt:bench', id: String(d), name, description: `${AREAS[d % AREAS.length]} services for the ${REGIONS[d % REGIONS.length]} site` });
    for (let f = 0; f < formsPerDepartment; f++) {
      const thing = THINGS[(d * 7 + f) % THINGS.length] as string;
      const action = ACTIONS[(d + f * 3) % ACTIONS.length] as string;
      const formName = `${action[0]?.toUpperCase()}${action.slice(1)} ${thing} (${name} ${f})`;
      forms.push({ deskId: 'rt:bench', departmentIds: [String(d)], id: `${d}-${f}`, name: formName, description: `Use this form to ${action} a ${thing} at ${name}.`, fields: [] });
      if (f % 5 === 0) (config.forms as Record<string, { keywords: string[] }>)[formName] = { keywords: [THINGS[(f + 3) % THINGS.length] as string, 'urgent'] };
    }
  }
  return { catalog: { departments: depts, forms, fetchedAt: 0 }, config };
}

/** What a user types, one keystroke at a time, typos included. */
export const TYPED = ['laptop broken', 'labtop', 'badge access north', 'acess badeg', 'parental leave', 'vacation', 'nda contract review', 'vpn not working', 'printer tower 3', 'expense claim'];
