// A staff reply written in RT 5's web UI: its rich-text editor is on by default
// ($MessageBoxRichText), and the reply is stored as one text/html part with no text/plain. Its
// text is shown, and the notification has an excerpt (found by a review, 2026-12-06: both were
// empty).
import { describe, expect, it } from 'vitest';
import user from '../../fixtures/rt/user.json';
import { createRtAdapter } from '@/lib/desks/rt/adapter';
import { htmlToText, toMessages, toUser } from '@/lib/desks/rt/mapping';
import { BASE, TOKEN } from '../support/recorded-rt';
import type { RtAttachmentItem, RtTransaction } from '@/lib/desks/rt/wire';

const me = toUser(user);
const txn = (id: string, creator: string, type = 'Correspond'): RtTransaction =>
  ({ type: 'transaction', id, _url: '', Type: type, Created: '2026-12-07T09:00:00Z', Creator: { type: 'user', id: creator, _url: '' } }) as RtTransaction;
const part = (id: string, txnId: string, type: string, content: string): RtAttachmentItem =>
  ({ type: 'attachment', id, _url: '', TransactionId: { type: 'transaction', id: txnId, _url: '' }, ContentType: type, Filename: '', Content: content }) as RtAttachmentItem;

describe('a staff reply written in RT 5 web UI (rich text)', () => {
  const transactions = [txn('10', 'alice', 'Create'), txn('20', 'dana')];
  const files = [
    part('11', '10', 'text/plain', 'The printer on 2 is jammed.'),
    part('21', '20', 'multipart/mixed', ''),
    part('22', '20', 'text/html', '<p>Hi Alice,</p><p>we sent a technician.</p>'),
  ];

  it('shows its text in the conversation', () => {
    const [, reply] = toMessages(transactions, files, me);
    expect(reply?.author).toBe('dana');
    expect(reply?.text).toBe('Hi Alice,\nwe sent a technician.');
  });

  it('gives the notification an excerpt (adapter.recentActivity)', async () => {
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    const fetch = async (url: string) => {
      const path = new URL(url).pathname.replace(/^.*\/REST\/2\.0/, '');
      if (path === '/ticket/2/history') return json({ count: 2, page: 1, per_page: 20, total: null, pages: null, items: [...transactions].reverse() });
      if (path === '/transaction/20/attachments') return json({ count: 2, page: 1, per_page: 20, total: null, pages: null, items: files.filter((f) => (f.TransactionId as { id: string }).id === '20') });
      return new Response(JSON.stringify({ message: 'Not Found' }), { status: 404, headers: { 'content-type': 'application/json' } });
    };
    const adapter = createRtAdapter({ id: 'rt', kind: 'rt', name: 'RT', baseUrl: BASE, auth: { mode: 'token', token: TOKEN }, user: me }, { fetch });
    const activity = await adapter.recentActivity({ deskId: 'rt', id: '2', key: '#2', url: '' }, '10');
    expect(activity.lastStaffReply?.id).toBe('20');
    expect(activity.lastStaffReply?.excerpt).toContain('we sent a technician.');
  });
});

describe('htmlToText', () => {
  it('keeps the lines and the characters, drops the markup, and shows no script', () => {
    expect(htmlToText('<div>Grüße,<br>the <b>printer</b> is fixed &amp; tested &#8212; see&nbsp;below:</div><ul><li>toner</li><li>drum &lt;B&gt;</li></ul><script>alert(1)</script><p>&#x1F600; Dana</p>')).toBe(
      'Grüße,\nthe printer is fixed & tested — see below:\n\n• toner\n• drum <B>\n😀 Dana',
    );
    expect(htmlToText('<p>one</p>\n\n\n<p>two</p>&bogus; &#99999999;')).toBe('one\n\ntwo\n&bogus; &#99999999;');
  });
});
