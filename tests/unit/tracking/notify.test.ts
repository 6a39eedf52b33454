import { describe, expect, it } from 'vitest';
import { notificationsFor, urlOfNotification } from '@/lib/tracking/notify';
import type { TrackedRequest, TrackingEvent } from '@/lib/tracking/snapshot';

const req = (id: string, subject = `Request ${id}`): TrackedRequest => ({
  ref: { deskId: 'd', id, key: `#${id}`, url: `https://desk/SelfService/Display.html?id=${id}` },
  subject,
  departmentId: '3',
  status: 'resolved',
  category: 'done',
  updated: '2026-11-23T11:00:00Z',
  unseen: true,
});
const status = (r: TrackedRequest): TrackingEvent => ({ kind: 'status', request: r, from: 'open', to: 'resolved' });
const LIST = 'chrome-extension://id/popup.html#requests';

describe('notificationsFor', () => {
  it('names the request and what happened, and opens it when clicked', () => {
    const [n, ...rest] = notificationsFor([status(req('12', 'Door sticks'))], LIST);
    expect(rest).toEqual([]);
    expect(n).toEqual({ id: 'instant-desk|https://desk/SelfService/Display.html?id=12', title: 'Door sticks (#12)', message: 'Now: resolved' });
    expect(urlOfNotification(n!.id)).toBe('https://desk/SelfService/Display.html?id=12');
  });

  it('puts a reply and a status change of one request into one notification', () => {
    const r = req('12');
    const specs = notificationsFor([{ kind: 'reply', request: r, author: 'root', excerpt: 'Fixed the hinge' }, status(r)], LIST);
    expect(specs).toHaveLength(1);
    expect(specs[0]?.message).toBe('New reply: “Fixed the hinge” · Now: resolved');
  });

  it('groups many updates into one summary that opens My requests', () => {
    const specs = notificationsFor(['1', '2', '3', '4', '5'].map((id) => status(req(id))), LIST);
    expect(specs).toHaveLength(1);
    expect(specs[0]?.title).toBe('5 of your requests were updated');
    expect(specs[0]?.message.split('\n')).toHaveLength(5);
    expect(urlOfNotification(specs[0]!.id)).toBe(LIST);
  });

  it('does not announce new or vanished requests', () => {
    expect(notificationsFor([{ kind: 'new', request: req('1') }, { kind: 'gone', request: req('2') }], LIST)).toEqual([]);
  });

  it('ignores notifications that are not ours', () => {
    expect(urlOfNotification('other-extension-id')).toBeUndefined();
  });
});
