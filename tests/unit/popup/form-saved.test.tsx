// "Draft saved" is shown quietly, not announced at every keystroke; "Not saved" (no room) is said
// (found by a review, 2026-12-06: the saved line was a live region, re-announced after each save).
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FormView, type FormViewProps } from '@/components/popup/FormView';

const noop = () => undefined;
const props = (over: Partial<FormViewProps>): FormViewProps => ({
  department: { deskId: 'd', id: '3', name: 'Facilities', description: 'Rooms and doors.' },
  form: { deskId: 'd', id: '3', departmentIds: ['3'], name: 'Facilities', description: '', fields: [] },
  draft: { deskId: 'd', departmentId: '3', formId: '3', subject: 'Door', description: 'Sticks', fields: {}, excluded: [], updatedAt: 0 },
  problems: [], context: null, capturing: false, submitting: false,
  onBack: noop, onEdit: noop, onField: noop, onToggleContext: noop, onScreenshot: noop, onPickFiles: noop, onRemoveFile: noop, onSubmit: noop, onRetryFields: noop, onAction: noop,
  ...over,
});
const savedLine = (html: string) => /<span class="form__saved"[^>]*>(.*?)<\/span><button/.exec(html)?.[0] ?? '';

describe('the form’s saved line', () => {
  it('shows "Draft saved" quietly, and says "Not saved"', () => {
    const saved = savedLine(renderToStaticMarkup(<FormView {...props({ savedAt: 1 })} />));
    expect(saved).toContain('Draft saved');
    expect(saved).not.toMatch(/aria-live|role="(status|alert)"/);
    const full = savedLine(renderToStaticMarkup(<FormView {...props({ notSaved: true })} />));
    expect(full).toContain('role="alert"');
    expect(full).toContain('Not saved');
  });
});
