// The field cache (lib/catalog/fields.ts) and the catalog view's handling of forms and values.
import { describe, expect, it } from 'vitest';
import { cachedFields, FIELDS_KEPT, keepFields, withFields, type FieldCache } from '@/lib/catalog/fields';
import { FIELDS_MAX_AGE_MS } from '@/lib/domain';
import { buildCatalogView, fieldValues, startValues } from '@/lib/catalog/view';
import type { Catalog, FieldSpec, RequestForm } from '@/lib/domain';

const fields: FieldSpec[] = [
  {
    id: 'customfield_10010',
    label: 'Impact',
    kind: 'select',
    required: false,
    default: '3',
    options: [
      { value: '1', label: 'Whole company' },
      { value: '2', label: 'My team' },
      { value: '3', label: 'Only me' },
    ],
  },
  { id: 'labels', label: 'Tags', kind: 'multiselect', required: false, options: [{ value: 'vpn', label: 'VPN' }, { value: 'wifi', label: 'Wi-Fi' }] },
  { id: 'room', label: 'Room', kind: 'text', required: false },
];
const form = (id: string, departmentIds: string[]): RequestForm => ({ deskId: 'jsm', id, departmentIds, name: `Form ${id}`, description: '' });

describe('field cache', () => {
  it('gives kept fields while they are younger than the age asked, then none', () => {
    const cache = keepFields({}, form('1', ['a']), fields, 1000);
    expect(cachedFields(cache, { deskId: 'jsm', id: '1' }, 1000 + FIELDS_MAX_AGE_MS - 1)).toBe(fields);
    expect(cachedFields(cache, { deskId: 'jsm', id: '1' }, 1000 + FIELDS_MAX_AGE_MS)).toBeUndefined();
    expect(cachedFields(cache, { deskId: 'jsm', id: '1' }, 1000 + 5_000, 5_000)).toBeUndefined();
    expect(cachedFields(cache, { deskId: 'other', id: '1' }, 1000)).toBeUndefined(); // keyed by desk and form
  });

  it('keeps at most FIELDS_KEPT forms, evicting the least recently read', () => {
    let cache: FieldCache = {};
    for (let i = 0; i < FIELDS_KEPT; i++) cache = keepFields(cache, form(String(i), []), [], 10_000 + i);
    cache = keepFields(cache, form('0', []), fields, 50_000); // read again: now the newest
    cache = keepFields(cache, form('new-1', []), [], 50_001);
    cache = keepFields(cache, form('new-2', []), [], 50_002);
    expect(Object.keys(cache)).toHaveLength(FIELDS_KEPT);
    expect(cache['jsm/1']).toBeUndefined(); // the two oldest went
    expect(cache['jsm/2']).toBeUndefined();
    expect(cache['jsm/3']).toBeDefined();
    expect(cache['jsm/0']?.fields).toBe(fields);
    expect(cache['jsm/new-2']).toBeDefined();
  });

  it('does not change the cache it is given', () => {
    const before: FieldCache = {};
    keepFields(before, form('1', []), fields, 1);
    expect(before).toEqual({});
  });

  it('fills in the fields known so far', () => {
    const cache = keepFields({}, form('1', []), fields, 1);
    expect(withFields([form('1', []), form('2', [])], cache).map((f) => f.fields)).toEqual([fields, undefined]);
  });
});

describe('catalog view', () => {
  const catalog: Catalog = {
    fetchedAt: 0,
    departments: [
      { deskId: 'jsm', id: 'a', name: 'IT help', description: '' },
      { deskId: 'jsm', id: 'b', name: 'Access', description: '' },
    ],
    forms: [form('vpn', ['a', 'b']), form('laptop', ['a'])],
  };

  it('lists a form that sits in two departments once, under the first shown', () => {
    const view = buildCatalogView(catalog, {});
    expect(view.entries.map((e) => [e.key, e.department.id])).toEqual([
      ['jsm/vpn', 'a'],
      ['jsm/laptop', 'a'],
    ]);
    const reordered = buildCatalogView(catalog, { order: ['Access'] });
    expect(reordered.entries.map((e) => [e.key, e.department.id])).toEqual([
      ['jsm/vpn', 'b'],
      ['jsm/laptop', 'a'],
    ]);
  });

  it('starts a draft with the desk\'s defaults, then named values by label or id, options by their words or value', () => {
    expect(startValues(fields)).toEqual({ customfield_10010: '3' });
    expect(startValues(fields, { impact: 'my team', Tags: 'wi-fi', room: '2.14' })).toEqual({ customfield_10010: '2', labels: ['wifi'], room: '2.14' });
    expect(startValues(fields, { customfield_10010: '1' })).toEqual({ customfield_10010: '1' });
  });

  it('leaves out names no field has and words no option has', () => {
    expect(fieldValues(fields, { Impact: 'Everyone', Nonexistent: 'x' })).toEqual({});
    expect(startValues(fields, { Impact: 'Everyone' })).toEqual({ customfield_10010: '3' }); // the desk's default stays
  });
});
