// RT: an interrupted create is found by the reference in its first message, never by its
// subject: staff may edit the subject, and RT keeps only 200 bytes of it.
import { describe, expect, it } from 'vitest';
import user from '../../fixtures/rt/user.json';
import { composeBody } from '@/lib/capture/context';
import { createRtAdapter } from '@/lib/desks/rt/adapter';
import { recentTwinQuery, toUser } from '@/lib/desks/rt/mapping';
import type { DeskConfig, NewRequest } from '@/lib/domain';
import { BASE, TOKEN } from '../support/recorded-rt';
import { ticketSqlRt, type Row } from '../support/ticketsql-rt';

const me = toUser(user);
const config: DeskConfig = { id: 'rt:desk', kind: 'rt', name: 'Desk', baseUrl: BASE, auth: { mode: 'token', token: TOKEN }, user: me };
const since = Date.parse('2026-11-23T02:47:00Z');
const at = (s: number) => new Date(since + s * 1000).toISOString().replace(/\.000Z$/, 'Z');

/** RT truncates a value to the column's bytes and drops a character cut in half (RT::Record::TruncateValue). */
function truncateBytes(text: string, bytes: number): string {
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch, 'utf8') > bytes) break;
    out += ch;
  }
  return out;
}

function request(clientId: string, subject: string): NewRequest {
  return {
    clientId,
    departmentId: '5',
    formId: '5',
    subject,
    body: composeBody('Details.', { redactions: 0, gaps: [], url: 'https://intranet.example/x' }, clientId),
    fields: {},
    attachments: [],
    requester: me,
  };
}

const row = (id: string, subject: string, firstMessage: string, patch: Partial<Row> = {}): Row => ({
  id,
  Subject: subject,
  Status: 'new',
  Queue: '5',
  Created: at(Number(id)),
  LastUpdated: at(Number(id)),
  Requestor: 'alice',
  firstMessage,
  ...patch,
});

describe('RT findRequest', () => {
  it('finds a request whose subject staff changed, by the reference in its first message', async () => {
    const sent = request('c-edited', 'Printer broken');
    const rt = ticketSqlRt({
      zone: 'America/New_York',
      me: 'alice',
      rows: [
        row('10', '[P1] Printer on floor 3 jams – vendor called', sent.body),
        row('11', 'Printer broken', request('c-other', 'Printer broken').body), // same subject, another request
        row('12', 'Printer broken', sent.body, { Requestor: 'bob' }), // not mine
      ],
    });
    const found = await createRtAdapter(config, { fetch: rt.fetch }).findRequest(sent, since);
    expect(found?.id).toBe('10');
    expect(rt.queries).toHaveLength(1);
    expect(rt.queries[0]).not.toMatch(/Subject/);
  });

  it('finds a Japanese subject RT cut at 200 bytes', async () => {
    const subject = 'プリンターが紙詰まりを起こし、三階の会議室で印刷できません。'.repeat(3); // 87 characters, 261 bytes
    expect(Buffer.byteLength(subject)).toBeGreaterThan(200);
    const stored = truncateBytes(subject, 200);
    expect(Buffer.byteLength(stored)).toBeLessThanOrEqual(200);
    expect(stored).not.toBe(subject);
    const sent = request('c-ja', subject);
    const rt = ticketSqlRt({ zone: 'Asia/Kolkata', me: 'alice', rows: [row('20', stored, sent.body)] });
    expect((await createRtAdapter(config, { fetch: rt.fetch }).findRequest(sent, since))?.id).toBe('20');
    // Counter-example: the old query asked for the subject as sent, which RT no longer holds.
    expect(rt.search(`${recentTwinQuery(sent, since)} AND Subject = '${subject}'`)).toEqual([]);
  });

  it('finds nothing when no request of mine carries the reference', async () => {
    const sent = request('c-missing', 'Printer broken');
    const rt = ticketSqlRt({ zone: 'UTC', me: 'alice', rows: [row('30', 'Printer broken', request('c-else', 'Printer broken').body), row('31', 'Printer broken', 'no reference at all')] });
    expect(await createRtAdapter(config, { fetch: rt.fetch }).findRequest(sent, since)).toBeUndefined();
  });
});
