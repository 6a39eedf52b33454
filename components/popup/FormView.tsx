import { useRef, type KeyboardEvent } from 'react';
import type { ContextItem, PageContext } from '@/lib/capture/context';
import type { ProposedFrom } from '@/lib/capture/fill';
import { fieldsInEffect, type Department, type FieldValue, type RequestForm } from '@/lib/domain';
import type { DeskError } from '@/lib/domain';
import { describeProblem, type NextAction } from '@/lib/i18n/describe';
import { t } from '@/lib/i18n';
import type { Draft } from '@/lib/requests/draft';
import { attachmentBytes, MAX_ATTACHMENT_BYTES } from '@/lib/requests/attachments';
import type { DepartmentCard } from '@/lib/settings/policy';
import type { FieldProblem } from '@/lib/requests/validate';
import { Breadcrumb } from '../common/Breadcrumb';
import { ErrorNotice, Spinner } from '../common/Notice';
import { ContextPreview } from './ContextPreview';
import { FieldControl, ProposedNote } from './FieldControl';

export interface FormViewProps {
  department: Department;
  /** What the department tells requesters to expect, when an administrator set it. */
  card?: DepartmentCard;
  /** "Mon 9:00" while the department is closed (from the card's hours). */
  opens?: string;
  /** A Mac's keyboard: Send is ⌘+Return there. */
  mac?: boolean;
  onOpenUrl?(url: string): void;
  form: RequestForm;
  draft: Draft;
  /** Values put in for the person to check (subject, description, field ids), by where they came from. */
  proposed?: Record<string, ProposedFrom>;
  problems: FieldProblem[];
  context: PageContext | null;
  capturing: boolean;
  submitting: boolean;
  submitError?: DeskError;
  /** The form's fields could not be read from the desk. */
  fieldsError?: DeskError;
  savedAt?: number;
  /** The last draft write found no room: the text is only in this popup. */
  notSaved?: boolean;
  /** A report arrives with its subject proposed: the sentence box gets the focus. */
  focusDescription?: boolean;
  onBack(): void;
  onEdit(patch: Partial<Pick<Draft, 'subject' | 'description'>>): void;
  onField(id: string, value: FieldValue): void;
  onToggleContext(item: ContextItem): void;
  onScreenshot(dataUrl: string): void;
  /** Files picked in the form's file input, to attach. */
  onPickFiles(files: File[]): void;
  onRemoveFile(index: number): void;
  /** The name of a picked file that would take the request over the size limit. */
  tooLarge?: string;
  onSubmit(): void;
  /** Reads the form's fields again, after a read that failed. */
  onRetryFields(): void;
  onAction(action: NextAction, error: DeskError): void;
}

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return t('size.mb', { n: (bytes / (1024 * 1024)).toFixed(bytes >= 10 * 1024 * 1024 ? 0 : 1) });
  return t('size.kb', { n: Math.max(1, Math.round(bytes / 1024)) });
}

export function FormView(props: FormViewProps) {
  const { department, form, draft, problems, submitting } = props;
  const problemFor = (field: string) => {
    const p = problems.find((x) => x.field === field);
    return p ? describeProblem(p, form.fields?.find((f) => f.id === field)) : undefined;
  };
  const subjectError = problemFor('subject');
  const descriptionError = problemFor('description');
  const proposed = props.proposed ?? {};
  const describe = (name: string, error: string | undefined) =>
    [proposed[name] ? `${name}-proposed` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;

  const send = useRef<HTMLButtonElement>(null);

  function onKeyDown(e: KeyboardEvent<HTMLFormElement>) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      props.onSubmit();
    } else if (e.key === 'Enter' && e.target instanceof HTMLInputElement && !e.nativeEvent.isComposing) {
      // Sending is Ctrl/Cmd+Enter or the Send button: a plain Enter in a one-line field (the
      // Enter that opened this form from a sentence, pressed again) does not send it unread.
      e.preventDefault();
    } else if (e.key === 'Escape' && !submitting) {
      e.preventDefault();
      props.onBack();
    }
  }

  return (
    <form
      className="form"
      noValidate
      aria-labelledby="form-title"
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <Breadcrumb back={t('form.back')} onBack={props.onBack} titleId="form-title">
        {department.name}
        {form.name !== department.name && <> › {form.name}</>}
      </Breadcrumb>
      <DepartmentCardView
        card={{ ...props.card, portal: props.card?.portal ?? department.portalUrl }}
        fallback={department.description}
        opens={props.opens}
        onOpenUrl={props.onOpenUrl}
      />

      <div className={`field${subjectError ? ' field--error' : ''}${proposed.subject ? ' field--proposed' : ''}`}>
        <div className="field__head">
          <label htmlFor="subject" className="field__label">
            {t('form.subject')}
            <span className="field__required"> {t('form.required')}</span>
          </label>
          {proposed.subject && <ProposedNote id="subject-proposed" from={proposed.subject} />}
        </div>
        <input
          id="subject"
          type="text"
          autoFocus={!props.focusDescription}
          value={draft.subject}
          readOnly={submitting}
          placeholder={t('form.subject.placeholder')}
          aria-invalid={subjectError ? true : undefined}
          aria-describedby={describe('subject', subjectError)}
          onChange={(e) => props.onEdit({ subject: e.target.value })}
        />
        {subjectError && (
          <p id="subject-error" className="field__error" role="alert">
            {subjectError}
          </p>
        )}
      </div>

      <div className={`field${descriptionError ? ' field--error' : ''}${proposed.description ? ' field--proposed' : ''}`}>
        <div className="field__head">
          <label htmlFor="description" className="field__label">
            {t('form.description')}
            <span className="field__required"> {t('form.required')}</span>
          </label>
          {proposed.description && <ProposedNote id="description-proposed" from={proposed.description} />}
        </div>
        <textarea
          id="description"
          rows={4}
          autoFocus={props.focusDescription}
          value={draft.description}
          readOnly={submitting}
          placeholder={t('form.description.placeholder')}
          aria-invalid={descriptionError ? true : undefined}
          aria-describedby={describe('description', descriptionError)}
          onChange={(e) => props.onEdit({ description: e.target.value })}
        />
        {descriptionError && (
          <p id="description-error" className="field__error" role="alert">
            {descriptionError}
          </p>
        )}
      </div>

      <div className="field files">
        <span className="field__label" id="files-label">
          {t('form.files')}
          <span className="field__required"> {t('form.optional')}</span>
        </span>
        {(props.context?.files ?? []).length > 0 && (
          <ul className="files__list" aria-labelledby="files-label">
            {(props.context?.files ?? []).map((f, i) => (
              <li key={`${i}-${f.name}`} className="file">
                <span className="file__name">{f.name}</span>
                <span className="file__size">{sizeText(attachmentBytes(f))}</span>
                <button type="button" className="chip__toggle" onClick={() => props.onRemoveFile(i)} aria-label={t('form.removeFile', { name: f.name })}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <label className="link-button file-pick">
          {t('form.attach')}
          <input
            type="file"
            multiple
            className="visually-hidden"
            disabled={props.context === null}
            onChange={(e) => {
              props.onPickFiles([...(e.target.files ?? [])]);
              e.target.value = '';
            }}
          />
        </label>
        {props.tooLarge && (
          <p className="field__error" role="alert">
            {t('form.tooLarge', { name: props.tooLarge, max: sizeText(MAX_ATTACHMENT_BYTES) })}
          </p>
        )}
      </div>

      {form.fields ? (
        fieldsInEffect(form.fields, draft.fields).map((spec) => (
          <FieldControl
            key={spec.id}
            spec={spec}
            value={draft.fields[spec.id]}
            error={problemFor(spec.id)}
            proposed={proposed[spec.id]}
            onChange={(v) => props.onField(spec.id, v)}
          />
        ))
      ) : props.fieldsError ? (
        <ErrorNotice error={props.fieldsError} onRetry={props.onRetryFields} onAction={props.onAction} />
      ) : (
        <Spinner label={t('field.loading')} />
      )}

      <ContextPreview
        context={props.context}
        capturing={props.capturing}
        excluded={draft.excluded}
        onToggle={props.onToggleContext}
        onScreenshot={props.onScreenshot}
      />

      {props.submitError && props.submitError.kind !== 'rejected' && (
        <ErrorNotice
          error={props.submitError}
          onRetry={() => {
            // The notice goes while it is sent again: the focus goes to Send, which says so.
            send.current?.focus();
            props.onSubmit();
          }}
          onAction={props.onAction}
        />
      )}
      {props.submitError?.kind === 'rejected' && problems.length === 0 && <ErrorNotice error={props.submitError} />}

      <div className="form__footer">
        {/* "Draft saved" is shown quietly (announced at every keystroke it would drown the form);
            "Not saved" is a problem, and said. */}
        <span className="form__saved">{props.notSaved ? <span role="alert">{t('form.notSaved')}</span> : props.savedAt ? t('form.saved') : ''}</span>
        {/* One button throughout, so the focus stays on it while the request is sent; a second press does nothing. */}
        <button
          ref={send}
          type="submit"
          className="button button--primary"
          disabled={props.capturing && !submitting}
          aria-disabled={submitting || undefined}
          title={t(props.mac ? 'form.send.shortcut.mac' : 'form.send.shortcut')}
          aria-keyshortcuts={props.mac ? 'Meta+Enter' : 'Control+Enter'}
        >
          {submitting ? <Spinner label={t('form.sending')} /> : t('form.send')}
        </button>
      </div>
    </form>
  );
}

/** What the department helps with, when it answers, and its portal. */
export function DepartmentCardView({ card, fallback, opens, onOpenUrl }: { card?: DepartmentCard; fallback: string; opens?: string; onOpenUrl?(url: string): void }) {
  const blurb = card?.helpsWith ?? fallback;
  const facts = [
    card?.hours && t('card.hours', { hours: card.hours }),
    opens && t('card.closed', { time: opens }),
    card?.firstResponse && t('card.firstResponse', { time: card.firstResponse }),
    card?.resolution && t('card.resolution', { time: card.resolution }),
  ].filter((x): x is string => Boolean(x));
  if (!blurb && facts.length === 0 && !card?.portal) return null;
  return (
    <div className="dept-card" aria-label={t('card.helpsWith')}>
      {blurb && <p className="form__blurb">{blurb}</p>}
      {(facts.length > 0 || card?.portal) && (
        <p className="dept-card__facts">
          {facts.map((f) => (
            <span key={f} className="dept-card__fact">
              {f}
            </span>
          ))}
          {card?.portal && (
            <a
              className="dept-card__portal"
              href={card.portal}
              target="_blank"
              rel="noreferrer noopener"
              onClick={(e) => {
                if (!onOpenUrl) return;
                e.preventDefault();
                onOpenUrl(card.portal as string);
              }}
            >
              {t('card.portal')} ↗
            </a>
          )}
        </p>
      )}
    </div>
  );
}
