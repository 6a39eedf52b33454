// @vitest-environment jsdom
// What an error notice's button does where it sits, and the desks My requests could not reach.
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorNotice } from '@/components/common/Notice';
import { FormView, type FormViewProps } from '@/components/popup/FormView';
import { RequestsView } from '@/components/popup/RequestsView';
import { deskError } from '@/lib/domain';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let host: HTMLElement | undefined;
afterEach(() => host?.remove());

function render(node: React.ReactNode) {
  host = document.body.appendChild(document.createElement('div'));
  const root = createRoot(host);
  act(() => root.render(node));
  return host;
}
const button = (within: HTMLElement, name: string) => [...within.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;

describe('ErrorNotice', () => {
  it('"Try again" runs what this notice is about when given, not the page-wide action', () => {
    const onRetry = vi.fn();
    const onAction = vi.fn();
    const el = render(<ErrorNotice error={deskError('server')} onRetry={onRetry} onAction={onAction} />);
    act(() => button(el, 'Try again').click());
    expect(onRetry).toHaveBeenCalledOnce();
    expect(onAction).not.toHaveBeenCalled();
  });

  it('any other next step (open settings) still goes to the page-wide action', () => {
    const onRetry = vi.fn();
    const onAction = vi.fn();
    const el = render(<ErrorNotice error={deskError('config')} onRetry={onRetry} onAction={onAction} />);
    act(() => button(el, 'Open settings').click());
    expect(onAction).toHaveBeenCalledWith('settings', expect.objectContaining({ kind: 'config' }));
    expect(onRetry).not.toHaveBeenCalled();
  });
});

describe('FormView', () => {
  const form = { deskId: 'd', id: '3', departmentIds: ['3'], name: 'Facilities', description: '' };
  const props = (over: Partial<FormViewProps>): FormViewProps => ({
    department: { deskId: 'd', id: '3', name: 'Facilities', description: '' },
    form,
    draft: { deskId: 'd', departmentId: '3', formId: '3', subject: 'Cold', description: 'Too cold', fields: {}, excluded: [], updatedAt: 0 },
    problems: [],
    context: { redactions: 0, gaps: [] },
    capturing: false,
    submitting: false,
    onBack: vi.fn(),
    onEdit: vi.fn(),
    onField: vi.fn(),
    onToggleContext: vi.fn(),
    onScreenshot: vi.fn(),
    onPickFiles: vi.fn(),
    onRemoveFile: vi.fn(),
    onSubmit: vi.fn(),
    onRetryFields: vi.fn(),
    onAction: vi.fn(),
    ...over,
  });

  it('"Try again" under fields that could not be read reads them again; under a failed send, sends again', () => {
    const p = props({ fieldsError: deskError('offline'), submitError: deskError('server') });
    const el = render(<FormView {...p} />);
    const [fields, send] = [...el.querySelectorAll('.notice--error')] as HTMLElement[];
    act(() => button(fields!, 'Try again').click());
    expect(p.onRetryFields).toHaveBeenCalledOnce();
    act(() => button(send!, 'Try again').click());
    expect(p.onSubmit).toHaveBeenCalledOnce();
    expect(p.onAction).not.toHaveBeenCalled();
  });

  it('while sending: one Send button, still in place with the focus, saying so; the text cannot be changed', () => {
    const p = props({ submitting: true });
    const el = render(<FormView {...p} />);
    const send = el.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    expect(send.getAttribute('aria-disabled')).toBe('true');
    expect(send.disabled).toBe(false);
    expect(send.textContent).toContain('Sending');
    expect(el.querySelector<HTMLInputElement>('#subject')!.readOnly).toBe(true);
    expect(el.querySelector<HTMLTextAreaElement>('#description')!.readOnly).toBe(true);
  });
});

describe('RequestsView', () => {
  it('names each desk the last look could not reach, with its next step', () => {
    const html = renderToStaticMarkup(
      <RequestsView
        requests={[]}
        outbox={[]}
        onRetry={vi.fn()}
        onCancel={vi.fn()}
        departmentName={() => undefined}
        syncing={false}
        unreached={[{ deskId: 'zendesk:hr', name: 'HR', error: deskError('permission') }]}
        now={0}
        onOpen={vi.fn()}
        onAction={vi.fn()}
      />,
    );
    expect(html).toContain('<strong>HR, shown as last seen: </strong>');
    expect(html).toContain('Open settings');
  });
});

describe('ScreenshotEditor', () => {
  it('keeps its keys to itself: Esc closes it (the cancel the dialog gets), not the form under it; focus goes back to the opener', async () => {
    const { ScreenshotEditor } = await import('@/components/popup/ScreenshotEditor');
    const onBack = vi.fn();
    const onClose = vi.fn();
    const opener = document.body.appendChild(document.createElement('button'));
    opener.focus();
    host = document.body.appendChild(document.createElement('div'));
    const root = createRoot(host);
    act(() =>
      root.render(
        <form onKeyDown={onBack}>
          <ScreenshotEditor src="data:image/png;base64,AAAA" onDone={vi.fn()} onClose={onClose} />
        </form>,
      ),
    );
    const dialog = host.querySelector('dialog')!;
    expect(dialog.open).toBe(true);
    act(() => void dialog.querySelector('button')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(onBack).not.toHaveBeenCalled();
    act(() => void dialog.dispatchEvent(new Event('cancel', { cancelable: true })));
    expect(onClose).toHaveBeenCalledOnce();
    act(() => root.unmount());
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });
});

describe('HomeView', () => {
  it('leaves Enter that confirms an input method composition to the IME; a plain Enter picks the row', async () => {
    const { HomeView } = await import('@/components/popup/HomeView');
    const onPick = vi.fn();
    const el = render(
      <HomeView
        query="かいぎしつ"
        total={1}
        rows={[{ key: 'd/3', name: 'Facilities', blurb: 'Rooms' }]}
        hasCatalog
        configured
        syncing={false}
        onQuery={vi.fn()}
        onPick={onPick}
        drafts={[]}
        now={0}
        onResume={vi.fn()}
        onAction={vi.fn()}
      />,
    );
    const input = el.querySelector('input')!;
    act(() => void input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, isComposing: true })));
    expect(onPick).not.toHaveBeenCalled();
    act(() => void input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    expect(onPick).toHaveBeenCalledWith('d/3');
  });

  it('scrolls the list to keep the row Down moved to in sight (found by a review, 2026-12-06)', async () => {
    const { HomeView } = await import('@/components/popup/HomeView');
    const scrolled: string[] = [];
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this.id);
    };
    try {
      const rows = Array.from({ length: 12 }, (_, i) => ({ key: `d/${i}`, name: `Form ${i}`, blurb: '' }));
      const el = render(
        <HomeView query="form" total={12} rows={rows} hasCatalog configured syncing={false} onQuery={vi.fn()} onPick={vi.fn()} drafts={[]} now={0} onResume={vi.fn()} onAction={vi.fn()} />,
      );
      const input = el.querySelector('input')!;
      for (let i = 0; i < 3; i++) act(() => void input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true })));
      act(() => void input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true })));
      expect(scrolled).toEqual(['form-1', 'form-2', 'form-3', 'form-2']);
    } finally {
      Element.prototype.scrollIntoView = original;
    }
  });
});
