// A request kept in the outbox: retried on its own, it says when and offers Try now (primary)
// and Cancel and edit; held until the user fixes something (an expired sign-in, the desk's
// settings), it says it waits for them and why, and the fix comes first as the primary action.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { QueuedView, SentView, type QueuedViewProps } from '@/components/popup/SentView';
import { deskError } from '@/lib/domain';

const noop = () => undefined;
const props = (over: Partial<QueuedViewProps>): QueuedViewProps => ({
  departmentName: 'IT', error: deskError('offline'), now: 0, busy: false, onRetry: noop, onCancel: noop, onAction: noop, ...over,
});
/** The buttons in order, each as its label and whether it is the primary one. */
const buttons = (html: string) => [...html.matchAll(/<button type="button" class="([^"]*)">([^<]*)<\/button>/g)].map(([, cls, label]) => `${label}${(cls ?? '').includes('button--primary') ? ' (primary)' : ''}`);

describe('QueuedView', () => {
  it('retried on its own: Try now first and primary, then Cancel and edit, and when', () => {
    const html = renderToStaticMarkup(<QueuedView {...props({ nextAt: 5 * 60_000 })} />);
    expect(buttons(html)).toEqual(['Try now (primary)', 'Cancel and edit']);
    expect(html).toContain('Saved: it will be sent when the desk is reachable');
    expect(html).toContain('retried on its own');
    expect(html).toContain('Next try in about 5 min.');
  });

  it('held for a sign-in: Sign in to the desk first and primary, then Try now and Cancel and edit', () => {
    const html = renderToStaticMarkup(<QueuedView {...props({ error: deskError('unauthorized', { signInUrl: 'https://desk.example/login' }) })} />);
    expect(buttons(html)).toEqual(['Sign in to the desk (primary)', 'Try now', 'Cancel and edit']);
    expect(html).toContain('Saved: it waits for you');
    expect(html).toContain('until this is fixed; then press Try now.');
    expect(html).not.toContain('retried on its own');
    expect(html).not.toContain('will be sent when the desk is reachable');
  });

  it('held for the settings: Open settings first and primary', () => {
    const html = renderToStaticMarkup(<QueuedView {...props({ error: deskError('config') })} />);
    expect(buttons(html)[0]).toBe('Open settings (primary)');
  });

  it('already being sent by another attempt (no next try, not held): neither "waits for you" nor a fix', () => {
    const html = renderToStaticMarkup(<QueuedView {...props({ error: deskError('timeout') })} />);
    expect(html).toContain('Saved: it will be sent when the desk is reachable');
    expect(buttons(html)).toEqual(['Try now (primary)', 'Cancel and edit']);
  });

  /** The buttons marked busy (kept in place, so the one pressed keeps the focus). */
  const busyButtons = (html: string) => [...html.matchAll(/<button type="button" class="[^"]*" aria-disabled="true">([^<]*)<\/button>/g)].map(([, label]) => label);

  it('being sent: a spinner saying so, the buttons kept in place and marked busy', () => {
    const html = renderToStaticMarkup(<QueuedView {...props({ error: deskError('unauthorized', { signInUrl: 'https://desk.example/login' }), busy: 'retry' })} />);
    expect(buttons(html)).toEqual([]);
    expect(busyButtons(html)).toEqual(['Sign in to the desk', 'Try now', 'Cancel and edit']);
    expect(html).toContain('role="status"');
    expect(html).toContain('Sending…');
  });

  it('being taken back (the desk is asked first): a spinner saying so, the buttons marked busy', () => {
    const html = renderToStaticMarkup(<QueuedView {...props({ busy: 'cancel' })} />);
    expect(busyButtons(html)).toEqual(['Try now', 'Cancel and edit']);
    expect(html).toContain('Checking the desk…');
  });
});

describe('SentView', () => {
  const outcome = { ticket: { deskId: 'rt', id: '7', key: '#7', url: 'https://desk.example/7' }, departmentName: 'Facilities', dropped: [], confirmed: true };
  it('says what to expect: the department card\'s first answer, and when it opens while it is closed', () => {
    const html = renderToStaticMarkup(<SentView outcome={outcome} expectation={{ promise: 'within 4 hours', opens: 'Mon 9:00' }} onOpen={noop} onAnother={noop} />);
    expect(html).toContain('<p class="sent__expect">Facilities usually answers within 4 hours · Closed now · opens Mon 9:00</p>');
    expect(renderToStaticMarkup(<SentView outcome={outcome} expectation={{ promise: 'within 4 hours' }} onOpen={noop} onAnother={noop} />)).toContain('>Facilities usually answers within 4 hours<');
    expect(renderToStaticMarkup(<SentView outcome={outcome} expectation={{}} onOpen={noop} onAnother={noop} />)).not.toContain('sent__expect');
  });
});
