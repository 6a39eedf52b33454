// RT wire ↔ domain, from responses recorded from a real RT 5.0.3 (tests/fixtures/rt/).
import { describe, expect, it } from 'vitest';
import queues from '../../fixtures/rt/queues.json';
import facilitiesFields from '../../fixtures/rt/customfields-queue-3.json';
import itFields from '../../fixtures/rt/customfields-queue-5.json';
import legalFields from '../../fixtures/rt/customfields-queue-6.json';
import trainingFields from '../../fixtures/rt/customfields-queue-7.json';
import buildingField from '../../fixtures/rt/customfield-4.json';
import user from '../../fixtures/rt/user.json';
import ticket from '../../fixtures/rt/ticket.json';
import legalTicket from '../../fixtures/rt/ticket-legal.json';
import {
  convertPattern,
  ticketUrl,
  toCreateTicket,
  toDepartment,
  toFieldSpec,
  toFields,
  toForm,
  toStoredRequest,
  toUser,
  userIdFromToken,
} from '@/lib/desks/rt/mapping';
import type { RtCustomField, RtQueueItem, RtTicket } from '@/lib/desks/rt/wire';

describe('queues → departments', () => {
  it('maps every visible queue with its description', () => {
    const departments = (queues.items as RtQueueItem[]).map((q) => toDepartment('rt:desk', q));
    expect(departments.map((d) => d.name)).toEqual(['Facilities', 'HR', 'IT', 'Legal', 'Training']);
    expect(departments[0]).toEqual({
      deskId: 'rt:desk',
      id: '3',
      name: 'Facilities',
      description: 'Building repairs, desks, rooms, access badges and cleaning.',
    });
    expect(toDepartment('rt:desk', queues.items[0] as RtQueueItem, 'https://rt.example.com').portalUrl).toBe('https://rt.example.com/SelfService/Create.html?Queue=3');
  });
});

describe('custom fields → field specs', () => {
  it('turns a select with its values into a select field', () => {
    expect(toFieldSpec(buildingField as RtCustomField)).toEqual({
      id: '4',
      label: 'Building',
      kind: 'select',
      required: false,
      options: ['HQ North', 'HQ South', 'Warehouse', 'Lab'].map((v) => ({ value: v, label: v })),
      description: 'Where it is',
    });
  });

  it('reads "(?#Mandatory)." as required and keeps a custom entry hint', () => {
    const room = facilitiesFields.items.find((f) => f.Name === 'Room') as RtCustomField;
    expect(toFieldSpec(room)).toEqual({
      id: '5',
      label: 'Room',
      kind: 'text',
      required: true,
      pattern: '.',
      hint: 'e.g. 2.14',
      description: 'Room number or name',
    });
  });

  it('keeps an optional pattern with its human name as the hint', () => {
    const tag = toFieldSpec(itFields.items.find((f) => f.Name === 'Asset tag') as RtCustomField);
    expect(tag).toMatchObject({ kind: 'text', required: false, pattern: '^(IT-\\d{5})?$', patternHint: 'Asset tag such as IT-01234' });
    expect(new RegExp(tag!.pattern!).test('IT-01234')).toBe(true);
    expect(new RegExp(tag!.pattern!).test('laptop')).toBe(false);
  });

  it('maps Date to date and Text to a multi-line field', () => {
    const legal = toFields(legalFields.items as RtCustomField[]);
    expect(legal.map((f) => [f.label, f.kind, f.required])).toEqual([
      ['Agreement type', 'select', false],
      ['Counterparty', 'text', true],
      ['Needed by', 'date', false],
    ]);
    const training = toFields(trainingFields.items as RtCustomField[]);
    expect(training.find((f) => f.label === 'Details')?.kind).toBe('textarea');
  });

  it('makes each queue one form, in its own department, whose fields are read when it is opened', () => {
    expect(toForm({ deskId: 'd', id: '6', name: 'Legal', description: 'Contracts' })).toEqual({
      deskId: 'd',
      id: '6',
      departmentIds: ['6'],
      name: 'Legal',
      description: 'Contracts',
    });
  });

  it('leaves out disabled fields, fields of other objects, and kinds the form cannot offer', () => {
    const base = { id: '9', type: 'customfield', _url: '', Name: 'X', MaxValues: '1' };
    const fields = toFields([
      { ...base, Type: 'Freeform', Disabled: '1' },
      { ...base, Type: 'Freeform', LookupType: 'RT::Queue' },
      { ...base, Type: 'Binary' },
      { ...base, Type: 'Select', MaxValues: '0', Values: ['a', 'b'] },
    ]);
    expect(fields).toEqual([
      { id: '9', label: 'X', kind: 'multiselect', required: false, options: [{ value: 'a', label: 'a' }, { value: 'b', label: 'b' }] },
    ]);
  });

  it('converts Perl patterns that JavaScript can run, and gives up politely on the rest', () => {
    expect(convertPattern('(?#Digits)\\A\\d+\\z')).toEqual({ pattern: '^\\d+$', hint: 'Digits', required: true });
    expect(convertPattern('(?#Year)^(?<!x)\\d{4}$').required).toBe(true);
    expect(convertPattern('(?#Mandatory)(?{ 1 })')).toEqual({ hint: 'Mandatory', required: true });
    expect(convertPattern('')).toEqual({ required: false });
  });
});

describe('users, tickets and links', () => {
  it('reads the owner of an auth token from the token itself', () => {
    expect(userIdFromToken('1-27-ee5969b67c8da57e92082476e8d4f414')).toBe('27');
    expect(userIdFromToken('not-a-token')).toBeUndefined();
  });

  it('maps the current user, who is a requester (not staff)', () => {
    expect(toUser(user)).toEqual({ id: '27', name: 'alice', email: 'alice@example.com', displayName: 'Alice Employee', staff: false });
  });

  it('builds a create body with the requester, fields by id and the attachment', () => {
    const body = toCreateTicket({
      clientId: 'c-1',
      departmentId: '3',
      formId: '3',
      subject: 'Door sticks',
      body: 'It sticks.',
      fields: { '4': 'HQ North', '5': '2.14', '99': '' },
      attachments: [{ name: 'screenshot.png', type: 'image/png', data: 'iVBORw0KGgo=' }],
      requester: toUser(user),
    });
    expect(body).toEqual({
      Queue: '3',
      Subject: 'Door sticks',
      Content: 'It sticks.',
      ContentType: 'text/plain',
      Requestor: 'alice@example.com',
      CustomFields: { '4': 'HQ North', '5': '2.14' },
      Attachments: [{ FileName: 'screenshot.png', FileType: 'image/png', FileContent: 'iVBORw0KGgo=' }],
    });
  });

  it('reads back what the desk stored, with my requester link as my desk user id', () => {
    // Changed on purpose: RT links requesters by name; mine is given the user id identity compares.
    expect(toStoredRequest(ticket as unknown as RtTicket, toUser(user))).toEqual({
      subject: 'Door sticks',
      fields: { '4': ['HQ North'], '5': ['2.14'] },
      requesters: ['27'],
    });
    expect(toStoredRequest(legalTicket as unknown as RtTicket, toUser(user)).fields['8']).toEqual(['2026-12-01']);
    // Someone else's link stays as RT gave it: never taken for mine.
    const bob = { ...toUser(user), id: '31', name: 'bob' };
    expect(toStoredRequest(ticket as unknown as RtTicket, bob).requesters).toEqual(['alice']);
  });

  it('links requesters to the self-service portal and staff to the agent view', () => {
    expect(ticketUrl('https://desk.example', '12', false)).toBe('https://desk.example/SelfService/Display.html?id=12');
    expect(ticketUrl('https://desk.example', '12', true)).toBe('https://desk.example/Ticket/Display.html?id=12');
  });
});
