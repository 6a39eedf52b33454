import { describe, expect, it } from 'vitest';
import type { Catalog, RequestForm } from '@/lib/domain';
import { globMatches, rank, remember, RECENT_MS, topK, type History } from '@/lib/catalog/rank';
import { buildIndex, editDistance, search } from '@/lib/catalog/search';
import { buildCatalogView, startValues } from '@/lib/catalog/view';
import type { CatalogConfig } from '@/lib/settings/policy';

const form = (id: string, name: string, description = '', fields: RequestForm['fields'] = []): RequestForm => ({ deskId: 'rt', departmentIds: [id], id, name, description, fields });
const catalog: Catalog = {
  fetchedAt: 0,
  departments: [
    { deskId: 'rt', id: '1', name: 'IT', description: 'Laptops, accounts, software' },
    { deskId: 'rt', id: '2', name: 'HR', description: 'Pay, leave, contracts' },
    { deskId: 'rt', id: '3', name: 'Facilities', description: 'Rooms, doors and desks' },
    { deskId: 'rt', id: '4', name: 'Legal', description: 'Contracts and agreements' },
    { deskId: 'rt', id: '5', name: 'Training', description: 'Courses' },
  ],
  forms: [
    form('1', 'IT', 'Laptops, accounts, software'),
    form('2', 'HR', 'Pay, leave, contracts', [{ id: '9', label: 'Topic', kind: 'select', required: false, options: [{ value: 'topic_payroll', label: 'Payroll' }, { value: 'topic_leave', label: 'Leave' }] }]),
    form('3', 'Facilities', 'Rooms, doors and desks'),
    form('4', 'Legal', 'Contracts and agreements'),
    form('5', 'Training', 'Courses'),
  ],
};
const config: CatalogConfig = {
  forms: { Facilities: { keywords: ['badge', 'door', 'key card'] }, Legal: { keywords: ['NDA'] }, Training: { hidden: true } },
  synonyms: [['laptop', 'notebook', 'computer']],
  rules: [{ url: 'https://payroll.example.com/*', department: 'HR', fields: { Topic: 'payroll' } }],
  order: ['Facilities'],
};
const view = buildCatalogView(catalog, config);
const names = (r: { suggestions: { entry: { form: { name: string } } }[] }) => r.suggestions.map((x) => x.entry.form.name);
const now = 10 * RECENT_MS;

describe('ranking', () => {
  it.each<[string, { query: string; pageUrl?: string; history?: History }, string[], string | undefined]>([
    ['catalog order (admin order first), hidden forms left out', { query: '' }, ['Facilities', 'IT', 'HR', 'Legal'], undefined],
    ['a URL rule puts its form on top', { query: '', pageUrl: 'https://payroll.example.com/slips?id=4' }, ['HR', 'Facilities', 'IT', 'Legal'], 'rule'],
    ['recent history goes on top', { query: '', history: { 'rt/4': { count: 1, last: now - 1000 } } }, ['Legal', 'Facilities', 'IT', 'HR'], 'recent'],
    ['a URL rule beats history', { query: '', pageUrl: 'https://payroll.example.com/', history: { 'rt/4': { count: 9, last: now } } }, ['HR', 'Legal', 'Facilities', 'IT'], 'rule'],
    ['text beats history', { query: 'contracts', history: { 'rt/2': { count: 9, last: now } } }, ['HR', 'Legal'], 'recent'],
    ['a URL rule beats text', { query: 'contract', pageUrl: 'https://payroll.example.com/x' }, ['HR', 'Legal'], 'rule'],
    ['ties keep catalog order', { query: 'contracts' }, ['HR', 'Legal'], undefined],
    ['frequent but old history counts', { query: '', history: { 'rt/1': { count: 5, last: 0 } } }, ['IT', 'Facilities', 'HR', 'Legal'], 'frequent'],
  ])('%s', (_, input, expected, firstReason) => {
    const ranked = rank(view, { history: {}, now, ...input });
    expect(names(ranked)).toEqual(expected);
    expect(ranked.suggestions[0]?.reason).toBe(firstReason);
  });

  it('fills in the values the rule sets, matched to the field and its options once the fields are known', () => {
    const [top] = rank(view, { query: '', pageUrl: 'https://payroll.example.com/', history: {}, now }).suggestions;
    // Changed on purpose: the suggestion carries the rule's words; fields load lazily and resolve them.
    expect(top?.prefill).toEqual({ Topic: 'payroll' });
    expect(startValues(top!.entry.form.fields!, top?.prefill)).toEqual({ '9': 'topic_payroll' });
  });

  it('orders only the best few of a long list the same way as a full sort', () => {
    const numbers = Array.from({ length: 500 }, (_, i) => (i * 7919) % 1000);
    const byValue = (a: number, b: number) => a - b;
    expect(topK(numbers, 10, byValue)).toEqual([...numbers].sort(byValue).slice(0, 10));
    const full = rank(view, { query: 'a', history: {}, now });
    const some = rank(view, { query: 'a', history: {}, now, limit: 2 });
    expect(some.total).toBe(full.total);
    expect(names(some)).toEqual(names(full).slice(0, 2));
  });

  it('starts a form with the administrator\'s default values, matched by field label', () => {
    const withDefaults = buildCatalogView(catalog, { forms: { HR: { defaults: { topic: 'leave', Nonexistent: 'x' } } } });
    const hr = withDefaults.entries.find((e) => e.form.name === 'HR')!;
    // Changed on purpose: defaults stay label → words until the form's fields are loaded.
    expect(hr.defaults).toEqual({ topic: 'leave', Nonexistent: 'x' });
    expect(startValues(hr.form.fields!, hr.defaults)).toEqual({ '9': 'topic_leave' });
  });

  it('merges several desks into one catalog and searches across them', () => {
    const second: Catalog = {
      fetchedAt: 0,
      departments: [{ deskId: 'jsm', id: '10', name: 'Procurement', description: 'Buying laptops and licences' }],
      forms: [{ deskId: 'jsm', departmentIds: ['10'], id: '10', name: 'Purchase request', description: '', fields: [] }],
    };
    const merged = buildCatalogView({ fetchedAt: 0, departments: [...catalog.departments, ...second.departments], forms: [...catalog.forms, ...second.forms] }, config);
    expect(names(rank(merged, { query: 'laptops', history: {}, now }))).toEqual(['IT', 'Purchase request']);
    expect(rank(merged, { query: 'purchase', history: {}, now }).suggestions[0]?.entry.department.name).toBe('Procurement');
  });

  it('counts a choice for next time', () => {
    expect(remember(remember({}, 'rt/1', 5), 'rt/1', 9)).toEqual({ 'rt/1': { count: 2, last: 9 } });
  });

  it.each([
    ['https://payroll.example.com/*', 'https://payroll.example.com/a/b', true],
    ['https://payroll.example.com/*', 'https://payroll.example.com.evil.test/', false],
    ['*://*.example.com/hr/*', 'http://intranet.example.com/hr/leave', true],
    ['https://a.example/x?y=*', 'https://a.example/x?y=1', true],
  ])('glob %s on %s → %s', (glob, url, expected) => {
    expect(globMatches(glob, url)).toBe(expected);
  });
});

describe('search', () => {
  it.each([
    ['door', 'Facilities'],
    ['bagde', 'Facilities'], // swapped letters
    ['NDA', 'Legal'],
    ['nda', 'Legal'],
    ['notebook', 'IT'], // synonym of "laptop"
    ['computr', 'IT'], // typo in a synonym
    ['acounts', 'IT'],
    ['card key', 'Facilities'], // word order
    ['fac', 'Facilities'], // the word being typed
    ['facilites', 'Facilities'],
  ])('"%s" finds %s first', (query, expected) => {
    expect(names(rank(view, { query, history: {}, now }))[0]).toBe(expected);
  });

  it('finds nothing for words that match nothing', () => {
    expect(rank(view, { query: 'zebra', history: {}, now })).toEqual({ suggestions: [], total: 0 });
    expect(rank(view, { query: 'door zebra', history: {}, now }).total).toBe(0);
  });

  it('does not let short words match by typo', () => {
    const index = buildIndex([{ fields: [{ text: 'pay', weight: 1 }] }]);
    expect(search(index, 'pat')).toEqual([]);
    expect(search(index, 'pa')).toHaveLength(1);
  });

  it('measures typos with adjacent swaps counted once', () => {
    expect(editDistance('badge', 'bagde', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });
});
