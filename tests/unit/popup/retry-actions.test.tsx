// @vitest-environment jsdom
// Send again / let it go while a send runs: the buttons stay in place, marked busy, so the one
// pressed by keyboard keeps the focus (it used to be replaced by the spinner, dropping the focus
// to the page), and a press while busy does nothing.
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it, vi } from 'vitest';
import { RetryActions } from '@/components/common/Notice';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('RetryActions', () => {
  it('keeps the pressed button and its focus while busy, and ignores presses until done', async () => {
    const host = document.body.appendChild(document.createElement('div'));
    const root = createRoot(host);
    const onRetry = vi.fn();
    const onDrop = vi.fn();
    const render = (busy: boolean) =>
      act(() => root.render(<RetryActions className="actions" busy={busy} busyLabel="Checking the desk…" retry="Try now" drop="Cancel and edit" onRetry={onRetry} onDrop={onDrop} />));
    await render(false);
    const cancel = [...host.querySelectorAll('button')].find((b) => b.textContent === 'Cancel and edit')!;
    cancel.focus();
    cancel.click();
    expect(onDrop).toHaveBeenCalledTimes(1);
    await render(true);
    expect(cancel.isConnected).toBe(true);
    expect(document.activeElement).toBe(cancel);
    expect(cancel.getAttribute('aria-disabled')).toBe('true');
    expect(host.querySelector('[role="status"]')?.textContent).toBe('Checking the desk…');
    cancel.click();
    expect(onDrop).toHaveBeenCalledTimes(1);
    await render(false);
    expect(document.activeElement).toBe(cancel);
    expect(cancel.hasAttribute('aria-disabled')).toBe(false);
    await act(() => root.unmount());
  });
});
