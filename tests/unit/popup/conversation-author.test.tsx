// @vitest-environment jsdom
// A message whose desk names no author (Zendesk's comments without their users list) is the
// department's team, not an empty name before the time.
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it, vi } from 'vitest';
import { ConversationView, type ConversationViewProps } from '@/components/popup/ConversationView';
import type { TrackedRequest } from '@/lib/tracking/snapshot';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const NOW = Date.parse('2026-12-06T12:00:00Z');
const request: TrackedRequest = {
  ref: { deskId: 'zd', id: '42', key: '#42', url: 'https://acme.zendesk.com/hc/requests/42' },
  subject: 'Badge lost',
  status: 'pending',
  category: 'waiting',
  departmentId: '360000044402',
  formId: '360000044402',
  created: '2026-12-06T09:00:00Z',
  updated: '2026-12-06T11:00:00Z',
  unseen: false,
};

function props(over: Partial<ConversationViewProps>): ConversationViewProps {
  const none = vi.fn();
  return {
    request,
    messages: [
      { id: '1', author: 'Alice Ødegård', mine: true, at: '2026-12-06T09:00:00Z', text: 'I lost my badge.', attachments: [] },
      { id: '2', author: '', mine: false, at: '2026-12-06T11:00:00Z', text: 'A new one is on its way.', attachments: [] },
      { id: '3', author: 'Dana Keller', mine: false, at: '2026-12-06T11:30:00Z', text: 'Ready at the front desk.', attachments: [] },
    ],
    reply: '',
    replying: false,
    replySent: false,
    now: NOW,
    onBack: none, onReply: none, onPickFile: none, onRemoveFile: none, onSend: none, onReload: none, onOpenDesk: none, onAction: none,
    ...over,
  };
}

describe('ConversationView', () => {
  it('names a message with no author as the department’s team', async () => {
    const host = document.body.appendChild(document.createElement('div'));
    const root = createRoot(host);
    const authors = () => [...host.querySelectorAll('.message__meta strong')].map((e) => e.textContent);
    await act(() => root.render(<ConversationView {...props({ departmentName: 'Facilities' })} />));
    expect(authors()).toEqual(['You', 'Facilities team', 'Dana Keller']);
    await act(() => root.render(<ConversationView {...props({})} />));
    expect(authors()).toEqual(['You', 'The support team', 'Dana Keller']);
    await act(() => root.unmount());
  });
});
