// "My requests" mapping from responses recorded from a real RT 5.0.3: the requester's view of
// a ticket with a staff reply, an internal comment (not visible to them) and their own reply.
import { describe, expect, it } from 'vitest';
import history from '../../fixtures/rt/history-2.json';
import attachments from '../../fixtures/rt/attachments-2.json';
import myRequests from '../../fixtures/rt/my-requests.json';
import user from '../../fixtures/rt/user.json';
import { myRequestsQuery, statusCategory, toActivity, toCorrespond, rtTimeAtOrBefore, toMessages, toSummary, toUser } from '@/lib/desks/rt/mapping';
import type { RtAttachmentItem, RtTicketItem, RtTransaction } from '@/lib/desks/rt/wire';

const me = toUser(user);
const txns = history.items as unknown as RtTransaction[];

describe('my requests', () => {
  it('asks in one query: what changed since the watermark, and every open one for a full look', () => {
    // Changed on purpose: times are written 14 h (the widest zone offset) and one second early,
    // so the query means "at or before the watermark" in any zone (see rt-time.test.ts).
    expect(myRequestsQuery(undefined, true)).toBe("Requestor.id = '__CurrentUser__' AND Status = '__Active__'");
    expect(myRequestsQuery('2026-11-23T02:47:15Z', true)).toBe(
      "Requestor.id = '__CurrentUser__' AND (Status = '__Active__' OR LastUpdated > '2026-11-22 12:47:14')",
    );
    expect(myRequestsQuery('2026-11-23T02:47:15Z', false)).toBe("Requestor.id = '__CurrentUser__' AND LastUpdated > '2026-11-22 12:47:14'");
    expect(myRequestsQuery('not a time', false)).toBe("Requestor.id = '__CurrentUser__'");
    // A first look's horizon (this computer's time, with milliseconds): every open one, and what changed since.
    expect(myRequestsQuery('2026-11-06T12:00:00.250Z', true)).toBe(
      "Requestor.id = '__CurrentUser__' AND (Status = '__Active__' OR LastUpdated > '2026-11-05 21:59:59')",
    );
    expect(rtTimeAtOrBefore(Date.parse('2026-01-01T00:00:00Z'))).toBe('2025-12-31 09:59:59');
  });

  it('maps the listing to summaries with plain status categories', () => {
    const list = (myRequests.items as unknown as RtTicketItem[]).map((t) => toSummary('d', 'http://rt', false, t));
    expect(list[0]).toEqual({
      ref: { deskId: 'd', id: '1', key: '#1', url: 'http://rt/SelfService/Display.html?id=1' },
      subject: 'Room booking fails for 2.14',
      departmentId: '3',
      status: 'stalled',
      category: 'waiting',
      updated: '2026-11-23T02:47:15Z',
      created: '2026-11-23T02:40:03Z',
    });
    expect(['new', 'open', 'stalled', 'resolved', 'rejected', 'deleted'].map((s) => statusCategory(s))).toEqual(['open', 'open', 'waiting', 'done', 'done', 'done']);
  });

  it('keeps the due date RT shows the requester, and none where RT writes the epoch for "not set"', () => {
    const item = (myRequests.items as unknown as RtTicketItem[])[1] as RtTicketItem;
    expect(toSummary('d', 'http://rt', false, { ...item, Due: '2026-12-08T14:00:00Z' }).due).toBe('2026-12-08T14:00:00Z');
    expect(toSummary('d', 'http://rt', false, { ...item, Due: '1970-01-01T00:00:00Z' })).not.toHaveProperty('due');
  });

  it('finds the newest staff reply, never the user\'s own', () => {
    const newestFirst = [...txns].sort((a, b) => Number(b.id) - Number(a.id));
    expect(toActivity(newestFirst, me, new Map([['73', 'Which model   is it?\n']]))).toEqual({
      lastTxnId: '77',
      lastStaffReply: { id: '73', at: newestFirst.find((t) => t.id === '73')?.Created, author: 'root', excerpt: 'Which model is it?' },
    });
  });

  it('shows the public conversation in order, with files, and marks the user\'s messages', () => {
    const messages = toMessages(txns, attachments.items as unknown as RtAttachmentItem[], me);
    expect(messages.map((m) => [m.author, m.mine, m.text, m.attachments])).toEqual([
      ['alice', true, 'It is slow.', []],
      ['root', false, 'Which model is it?', []],
      ['alice', true, 'A T14, two years old.', [{ name: 'specs.txt', type: 'text/plain' }]],
    ]);
    expect(JSON.stringify(messages)).not.toContain('ThinkPad'); // the internal comment
  });

  it('builds a reply with its attachment', () => {
    expect(toCorrespond('Thanks', [{ name: 'a.png', type: 'image/png', data: 'AA==' }])).toEqual({
      Content: 'Thanks',
      ContentType: 'text/plain',
      Attachments: [{ FileName: 'a.png', FileType: 'image/png', FileContent: 'AA==' }],
    });
  });
});
