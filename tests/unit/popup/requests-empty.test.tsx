// "No requests yet" is said only when the desk said so: not beside an error that kept it from
// saying (found by a review, 2026-12-06).
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RequestsView, type RequestsViewProps } from '@/components/popup/RequestsView';
import { deskError } from '@/lib/domain';

const noop = () => undefined;
const props = (over: Partial<RequestsViewProps>): RequestsViewProps => ({
  requests: [], outbox: [], onRetry: noop, onCancel: noop, departmentName: () => undefined, syncing: false, now: 0, onOpen: noop, onAction: noop, ...over,
});

describe('RequestsView with nothing listed', () => {
  it('says there are none when the desk answered, and only the error when it could not be asked', () => {
    expect(renderToStaticMarkup(<RequestsView {...props({})} />)).toContain('No requests yet');
    const failed = renderToStaticMarkup(<RequestsView {...props({ syncError: deskError('offline') })} />);
    expect(failed).toContain('Check your connection and try again.');
    expect(failed).not.toContain('No requests yet');
  });
});
