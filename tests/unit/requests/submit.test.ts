// What the desk stored against what was sent, and files a desk did not take at once.
import { describe, expect, it } from 'vitest';
import type { FieldSpec, NewRequest, StoredRequest } from '@/lib/domain';
import { t } from '@/lib/i18n';
import { droppedFields, submitRequest, type SubmitInput } from '@/lib/requests/submit';
import { facilities } from '../support/catalog';
import { ALICE, memoryDesk } from '../support/memory-desk';

const fields: FieldSpec[] = [
  { id: '4', label: 'Building', kind: 'select', required: false, options: [{ value: 'hq-n', label: 'HQ North' }] },
  { id: '5', label: 'Room', kind: 'text', required: true },
];
const form = facilities('d', fields).form;

/** RT keeps 200 bytes of a subject, without cutting a character in half (RT::Record::TruncateValue). */
function truncateBytes(text: string, bytes: number): string {
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch, 'utf8') > bytes) break;
    out += ch;
  }
  return out;
}

function sent(subject: string): NewRequest {
  return { clientId: 'c', departmentId: '3', formId: '3', subject, body: 'b', fields: { '4': 'hq-n', '5': '2.14' }, attachments: [], requester: ALICE };
}
const stored = (patch: Partial<StoredRequest> = {}): StoredRequest => ({ subject: 'Door sticks', fields: { '4': ['hq-n'], '5': ['2.14'] }, requesters: ['27'], ...patch });

describe('droppedFields', () => {
  it('reports nothing when everything landed', () => {
    expect(droppedFields(form, sent('Door sticks'), stored())).toEqual([]);
  });

  it('accepts a subject the desk shortened (RT keeps 200 bytes of a Japanese subject)', () => {
    const subject = '会議室二・十四のドアが閉まらず、鍵もかかりません。'.repeat(4); // 100 characters, 300 bytes
    const kept = truncateBytes(subject, 200);
    expect(kept.length).toBeLessThan(subject.length);
    expect(droppedFields(form, sent(subject), stored({ subject: kept }))).toEqual([]);
  });

  it('reports a changed or emptied subject', () => {
    expect(droppedFields(form, sent('Door sticks'), stored({ subject: 'Window sticks' }))).toEqual([t('form.subject')]);
    expect(droppedFields(form, sent('Door sticks'), stored({ subject: '' }))).toEqual([t('form.subject')]);
  });

  it('names a field value the desk did not keep', () => {
    expect(droppedFields(form, sent('Door sticks'), stored({ fields: { '4': ['hq-n'] } }))).toEqual(['Room']);
  });

  it('compares requesters by the desk\'s user id, not by name or address', () => {
    expect(droppedFields(form, sent('Door sticks'), stored({ requesters: ['31', '27'] }))).toEqual([]);
    expect(droppedFields(form, sent('Door sticks'), stored({ requesters: ['alice'] }))).toEqual([t('sent.requester')]);
    expect(droppedFields(form, sent('Door sticks'), stored({ requesters: ['alice@example.com'] }))).toEqual([t('sent.requester')]);
    expect(droppedFields(form, sent('Door sticks'), stored({ requesters: ['31'] }))).toEqual([t('sent.requester')]);
  });

  it('does not judge the requester while the desk has not said who we are (JSM before the first request)', () => {
    const unknown = { ...sent('Door sticks'), requester: { ...ALICE, id: '' } };
    expect(droppedFields(form, unknown, stored({ requesters: ['5b10ac8d82e05b22cc7d4ef5'] }))).toEqual([]);
  });
});

describe('submitRequest and files', () => {
  const input: SubmitInput = {
    draft: { deskId: 'd', departmentId: '3', formId: '3', subject: 'Door sticks', description: 'It sticks.', fields: { '5': '2.14' }, excluded: [], updatedAt: 0 },
    context: { redactions: 0, gaps: [], screenshot: 'data:image/png;base64,iVBORw0KGgo=', files: [{ name: 'error.log', type: 'text/plain', data: 'aGVsbG8=' }] },
  };

  it('reports the files a desk left pending, the request being filed', async () => {
    const desk = memoryDesk({ fields, refuse: (name) => name === 'error.log' });
    const outcome = await submitRequest(desk.adapter, form, 'Facilities', input, { clientId: 'c-1', attempt: 0, createdAt: 0 });
    expect(outcome).toMatchObject({ ticket: { id: '1' }, confirmed: true, dropped: [], pendingAttachments: ['error.log'] });
    expect(desk.filed[0]?.attachments).toEqual(['screenshot.png']);
  });

  it('after an interruption, finds the request and adds only the files it lacks', async () => {
    let lose = true;
    const desk = memoryDesk({ fields, create: () => (lose ? 'filed-then-lost' : 'ok'), refuse: (name) => lose && name === 'error.log' });
    await expect(submitRequest(desk.adapter, form, 'Facilities', input, { clientId: 'c-2', attempt: 0, createdAt: 0 })).rejects.toMatchObject({ error: { kind: 'offline' } });
    lose = false;
    const outcome = await submitRequest(desk.adapter, form, 'Facilities', input, { clientId: 'c-2', attempt: 1, createdAt: 0 });
    expect(outcome.ticket.id).toBe('1');
    expect(outcome.pendingAttachments).toBeUndefined();
    expect(desk.calls.create).toBe(1);
    expect(desk.calls.attach).toEqual([['error.log']]);
    expect(desk.filed[0]?.attachments).toEqual(['screenshot.png', 'error.log']);
  });

  it('reads the form\'s fields from the desk once, or not at all when given ones read moments ago', async () => {
    const desk = memoryDesk({ fields });
    await submitRequest(desk.adapter, form, 'Facilities', input, { clientId: 'c-3', attempt: 0, createdAt: 0 });
    expect(desk.calls.fields).toBe(1);
    await submitRequest(desk.adapter, form, 'Facilities', input, { clientId: 'c-4', attempt: 0, createdAt: 0 }, fields);
    expect(desk.calls.fields).toBe(1);
    expect(desk.filed).toHaveLength(2);
  });

  it('with fields known from before that find a problem, the desk\'s current ones decide', async () => {
    const desk = memoryDesk({ fields: fields.map((f) => ({ ...f, required: false })) });
    const noRoom = { ...input, draft: { ...input.draft, fields: {} } };
    const outcome = await submitRequest(desk.adapter, form, 'Facilities', noRoom, { clientId: 'c-5', attempt: 0, createdAt: 0 }, fields);
    expect(desk.calls.fields).toBe(1);
    expect(outcome.ticket.id).toBe('1');
  });

  it('a create the desk refuses with fields known from before reads them again to name the field to fix', async () => {
    const desk = memoryDesk({ fields, create: () => 'rejected' });
    const noRoom = { ...input, draft: { ...input.draft, fields: {} } };
    const outdated = fields.map((f) => ({ ...f, required: false }));
    await expect(submitRequest(desk.adapter, form, 'Facilities', noRoom, { clientId: 'c-6', attempt: 0, createdAt: 0 }, outdated)).rejects.toMatchObject({
      error: { kind: 'rejected', problems: [{ field: '5' }] },
    });
    expect(desk.calls.fields).toBe(1);
    expect(desk.filed).toHaveLength(0);
  });
});
