// A rating the desk refused (held) says what happened and offers Send again and Discard; it does
// not promise to be sent. One still retried on its own says it will be sent.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RatingPrompt, type RatingPromptProps } from '@/components/popup/RatingPrompt';
import { deskError } from '@/lib/domain';

const noop = () => undefined;
const props = (waiting: RatingPromptProps['ask']['waiting']): RatingPromptProps => ({
  ask: { key: 'rt/41', ref: { deskId: 'rt', id: '41', key: '#41', url: 'https://desk/41' }, subject: 'Door sticks', comment: true, ...(waiting ? { waiting } : {}) },
  question: 'How did we do?', comment: '', sending: false, focus: false,
  onPick: noop, onComment: noop, onSend: noop, onDismiss: noop, onRetry: noop, onDiscard: noop,
});

describe('RatingPrompt', () => {
  it('held: the error in words from its code, Send again and Discard, no promise', () => {
    const html = renderToStaticMarkup(<RatingPrompt {...props({ error: deskError('config', { detail: 'rating.error.notKept', field: 'Satisfaction' }) })} />);
    expect(html).toContain('Your rating was not sent.');
    expect(html).toContain('The desk did not keep the rating.');
    expect(html).toContain('>Send again</button>');
    expect(html).toContain('>Discard</button>');
    expect(html).not.toContain('will be sent');
    expect(html).not.toContain('No desk is set up');
  });

  it('waiting to be retried on its own: it will be sent, and why it has not been yet', () => {
    const html = renderToStaticMarkup(<RatingPrompt {...props({ error: deskError('offline'), nextAt: 1 })} />);
    expect(html).toContain('will be sent when the desk is reachable');
    expect(html).not.toContain('Send again');
  });
});
