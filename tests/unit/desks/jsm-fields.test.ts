// JSM request type fields as Jira lists them (RequestTypeFieldDTO) and values as Jira takes them:
// a multi-user picker is a list, a field hidden from the portal is not asked for, and a number
// Jira writes its own way is not reported as dropped. (Found by a review of the JSM adapter,
// 2026-12-06; each failed before the fix.)
import { describe, expect, it } from 'vitest';
import { fromJiraValue, toFields, toFieldSpec, toJiraValue } from '@/lib/desks/jsm/mapping';
import type { JsmField } from '@/lib/desks/jsm/wire';
import { droppedFields } from '@/lib/requests/submit';

const CF = 'com.atlassian.jira.plugin.system.customfieldtypes';

describe('JSM request type fields', () => {
  it('sends a multi-user picker (e.g. Approvers) as a list, as Jira takes it', () => {
    const approvers: JsmField = { fieldId: 'customfield_10003', name: 'Approvers', required: true, jiraSchema: { type: 'array', items: 'user', custom: `${CF}:multiuserpicker` } };
    const spec = toFieldSpec(approvers)!;
    expect(toJiraValue(spec, ['5b10ac8d82e05b22cc7d4ef5', '5b10a2844c20165700ede21f'])).toEqual([
      { accountId: '5b10ac8d82e05b22cc7d4ef5' },
      { accountId: '5b10a2844c20165700ede21f' },
    ]);
  });

  it('does not ask the requester for a field the administrator hid (visible: false, preset value)', () => {
    const hidden = { fieldId: 'customfield_10100', name: 'Cost centre', required: true, visible: false, presetValues: ['CC-42'], jiraSchema: { type: 'string', custom: `${CF}:textfield` } } as JsmField;
    expect(toFields([hidden])).toEqual([]);
  });

  it('does not report a number Jira kept as dropped because it writes it differently ("250.00" → 250)', () => {
    const spec = toFieldSpec({ fieldId: 'customfield_10040', name: 'Amount', jiraSchema: { type: 'number', custom: `${CF}:float` } })!;
    const form = { deskId: 'd', id: '1/101', name: 'x', description: '', departmentIds: ['1'], fields: [spec] };
    const sent = { clientId: 'c', departmentId: '1', formId: '1/101', subject: 'S', body: 'B', fields: { customfield_10040: '250.00' }, attachments: [], requester: { id: '', name: '', email: '', displayName: '', staff: false } };
    expect(toJiraValue(spec, '250.00')).toBe(250);
    // Jira answers the stored value as a JSON number: 250.
    const stored = { subject: 'S', fields: { customfield_10040: fromJiraValue(250) }, requesters: [] };
    expect(droppedFields(form, sent, stored)).toEqual([]);
  });
});
