import { describe, expect, it } from 'vitest';
import { fieldsInEffect, type RequestForm } from '@/lib/domain';
import { cleanFields, validateDraft } from '@/lib/requests/validate';

const form: RequestForm = {
  deskId: 'd',
  departmentIds: ['6'],
  id: '6',
  name: 'Legal',
  description: '',
  fields: [
    { id: '6', label: 'Agreement type', kind: 'select', required: false, options: [{ value: 'NDA', label: 'Non-disclosure agreement' }, { value: 'Licence', label: 'Licence' }] },
    { id: '7', label: 'Counterparty', kind: 'text', required: true, pattern: '.' },
    { id: '8', label: 'Needed by', kind: 'date', required: false },
    { id: '9', label: 'Asset tag', kind: 'text', required: false, pattern: '^(IT-\\d{5})?$', patternHint: 'IT-01234' },
    { id: '10', label: 'Regions', kind: 'multiselect', required: false, options: [{ value: 'EU', label: 'Europe' }, { value: 'US', label: 'United States' }] },
  ],
};
const ok = { subject: 'NDA for ACME', description: 'Please review.', fields: { '7': 'ACME' } };

describe('validateDraft', () => {
  it.each([
    ['a complete draft', ok, []],
    ['an empty subject', { ...ok, subject: '  ' }, [{ field: 'subject', code: 'required' }]],
    ['a missing description', { ...ok, description: '' }, [{ field: 'description', code: 'required' }]],
    ['a subject over 200 characters', { ...ok, subject: 'x'.repeat(201) }, [{ field: 'subject', code: 'too-long' }]],
    ['a missing required field', { ...ok, fields: {} }, [{ field: '7', code: 'required' }]],
    ['whitespace in a required field', { ...ok, fields: { '7': '   ' } }, [{ field: '7', code: 'required' }]],
    ['a value that is not a choice', { ...ok, fields: { ...ok.fields, '6': 'Lease' } }, [{ field: '6', code: 'not-an-option', value: 'Lease' }]],
    ['a date that is not a date', { ...ok, fields: { ...ok.fields, '8': 'next week' } }, [{ field: '8', code: 'date', value: 'next week' }]],
    ['a value failing the pattern', { ...ok, fields: { ...ok.fields, '9': 'laptop' } }, [{ field: '9', code: 'pattern', value: 'laptop' }]],
    ['an option\'s words instead of its value', { ...ok, fields: { ...ok.fields, '6': 'Non-disclosure agreement' } }, [{ field: '6', code: 'not-an-option', value: 'Non-disclosure agreement' }]],
    ['one bad value among several', { ...ok, fields: { ...ok.fields, '10': ['EU', 'Mars'] } }, [{ field: '10', code: 'not-an-option', value: 'Mars' }]],
  ])('%s', (_, draft, problems) => {
    expect(validateDraft(form, draft)).toEqual(problems);
  });

  it('accepts an empty optional field with a pattern, and valid values', () => {
    expect(validateDraft(form, { ...ok, fields: { '6': 'NDA', '7': 'ACME', '8': '2026-12-01', '9': 'IT-01234', '10': ['EU'] } })).toEqual([]);
  });
});

describe('cleanFields', () => {
  it('keeps only the form fields, trimmed, and drops empty ones', () => {
    expect(cleanFields(form, { '6': '', '7': ' ACME ', '10': ['EU', ''], x: 'y' })).toEqual({ '7': 'ACME', '10': ['EU'] });
  });
});

describe('fields shown by a condition (Zendesk end-user conditions)', () => {
  const conditional: RequestForm = {
    ...form,
    fields: [
      { id: 'impact', label: 'A customer is affected', kind: 'checkbox', required: false },
      { id: 'people', label: 'People affected', kind: 'number', required: false, shownWhen: [{ field: 'impact', value: 'true', required: true }] },
      { id: 'names', label: 'Which customers', kind: 'text', required: true, shownWhen: [{ field: 'people', value: '1', required: false }] },
      { id: 'calm', label: 'Anything else', kind: 'text', required: false, shownWhen: [{ field: 'impact', value: 'false', required: false }] },
      { id: 'loop', label: 'Never', kind: 'text', required: true, shownWhen: [{ field: 'loop', value: 'x', required: true }] },
    ],
  };
  const shown = (fields: Record<string, string>) => fieldsInEffect(conditional.fields!, fields).map((f) => [f.id, f.required]);

  it('shows a child while its parent holds the value, required as the condition says, and nested ones through it', () => {
    expect(shown({})).toEqual([['impact', false], ['calm', false]]);
    expect(shown({ impact: 'true' })).toEqual([['impact', false], ['people', true]]);
    expect(shown({ impact: 'true', people: '1' })).toEqual([['impact', false], ['people', true], ['names', false]]);
    // A parent hidden hides its children, whatever value it kept.
    expect(shown({ impact: '', people: '1' })).toEqual([['impact', false], ['calm', false]]);
  });

  it('asks only for what is shown, and sends nothing hidden', () => {
    const draft = { subject: 'VPN', description: 'Drops', fields: { impact: 'true' } };
    expect(validateDraft(conditional, draft)).toEqual([{ field: 'people', code: 'required' }]);
    expect(validateDraft(conditional, { ...draft, fields: {} })).toEqual([]);
    expect(cleanFields(conditional, { impact: '', people: '12', names: 'ACME' })).toEqual({});
    expect(cleanFields(conditional, { impact: 'true', people: '12', names: 'ACME' })).toEqual({ impact: 'true', people: '12' });
  });
});
