import type { Attachment, Message } from '@/lib/domain';
import type { DeskError } from '@/lib/domain';
import type { NextAction } from '@/lib/i18n/describe';
import { listOf, t } from '@/lib/i18n';
import { relativeTime, statusText } from '@/lib/i18n/time';
import type { TrackedRequest } from '@/lib/tracking/snapshot';
import type { ExpectationLine } from '@/lib/tracking/expectations';
import { ExpectLine, NudgeButton, type NudgeProps } from './Expectation';
import { Breadcrumb } from '../common/Breadcrumb';
import { ErrorNotice, Spinner } from '../common/Notice';

export interface ConversationViewProps {
  request: TrackedRequest;
  departmentName?: string;
  messages: Message[] | null;
  messagesError?: DeskError;
  reply: string;
  file?: Attachment;
  replying: boolean;
  replyError?: DeskError;
  replySent: boolean;
  now: number;
  expectation?: ExpectationLine;
  nudge?: NudgeProps;
  onBack(): void;
  onReply(text: string): void;
  onPickFile(file: File | undefined): void;
  onRemoveFile(): void;
  onSend(): void;
  /** Reads the conversation again, after a read that failed. */
  onReload(): void;
  onOpenDesk(url: string): void;
  onAction(action: NextAction, error: DeskError): void;
  /** A Mac's keyboard: Send is ⌘+Return there. */
  mac?: boolean;
}

/** The public conversation, newest at the bottom, with a reply box. Desk text is shown as text. */
export function ConversationView(p: ConversationViewProps) {
  const { request } = p;
  // A desk that names no author for a message (Zendesk without its users list): the team.
  const staff = p.departmentName ? t('requests.staffOf', { department: p.departmentName }) : t('requests.staff');
  return (
    <section
      className="conversation"
      aria-labelledby="conv-title"
      onKeyDown={(e) => {
        // Esc goes back to the list, as it does from a form (the reply being written is kept).
        if (e.key === 'Escape' && !e.defaultPrevented && !e.nativeEvent.isComposing) {
          e.preventDefault();
          p.onBack();
        }
      }}
    >
      <Breadcrumb back={t('requests.back')} onBack={p.onBack} titleId="conv-title">
        {request.subject}
      </Breadcrumb>
      <p className="row__meta">
        <span className="tag">{p.departmentName ?? request.departmentId}</span>
        <span className={`status status--${request.category}`}>{statusText(request.status)}</span>
        <span>{request.ref.key}</span>
        <button type="button" className="link-button" onClick={() => p.onOpenDesk(request.ref.url)}>
          {t('requests.open.desk')}
        </button>
      </p>
      {p.expectation && (
        <p className="conversation__expect">
          <ExpectLine line={p.expectation} />
        </p>
      )}
      {p.nudge && <NudgeButton {...p.nudge} onAction={p.onAction} />}
      {p.messagesError && <ErrorNotice error={p.messagesError} onRetry={p.onReload} onAction={p.onAction} />}
      {!p.messages && !p.messagesError && <Spinner label={t('requests.loading')} />}
      {p.messages?.length === 0 && <p className="muted">{t('requests.noMessages')}</p>}
      <ol className="messages">
        {p.messages?.map((m) => (
          <li key={m.id} className={`message${m.mine ? ' message--mine' : ''}`}>
            <p className="message__meta">
              <strong>{m.mine ? t('requests.you') : m.author || staff}</strong>
              {t('list.parts')}
              {relativeTime(m.at, p.now)}
            </p>
            <p className="message__text">{m.text}</p>
            {m.attachments.length > 0 && <p className="message__files">{t('requests.files', { names: listOf(m.attachments.map((a) => a.name)) })}</p>}
          </li>
        ))}
      </ol>
      <form
        className="reply"
        onSubmit={(e) => {
          e.preventDefault();
          if (!p.replying) p.onSend();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            if (!p.replying && p.reply.trim()) p.onSend();
          }
        }}
      >
        <label htmlFor="reply" className="field__label">
          {t('requests.reply')}
        </label>
        <textarea id="reply" rows={3} value={p.reply} readOnly={p.replying} placeholder={t('requests.reply.placeholder')} onChange={(e) => p.onReply(e.target.value)} />
        {p.replyError && <ErrorNotice error={p.replyError} onRetry={p.onSend} onAction={p.onAction} />}
        <div className="form__footer">
          {p.file ? (
            <span className="file">
              {t('requests.attached', { name: p.file.name })}
              <button type="button" className="chip__toggle" onClick={p.onRemoveFile} aria-label={t('requests.removeFile')}>
                ×
              </button>
            </span>
          ) : (
            <label className="link-button file-pick">
              {t('requests.attach')}
              <input type="file" className="visually-hidden" onChange={(e) => p.onPickFile(e.target.files?.[0])} />
            </label>
          )}
          <span className="form__saved" aria-live="polite">
            {p.replySent ? t('requests.sent') : ''}
          </span>
          {p.replying && <Spinner label={t('requests.sending')} />}
          {/* Kept in place while the reply is sent (marked busy, not disabled), so it keeps the focus. */}
          <button
            type="submit"
            className="button button--primary"
            disabled={!p.replying && !p.reply.trim()}
            aria-disabled={p.replying || undefined}
            title={t(p.mac ? 'form.send.shortcut.mac' : 'form.send.shortcut')}
            aria-keyshortcuts={p.mac ? 'Meta+Enter' : 'Control+Enter'}
          >
            {t('requests.send')}
          </button>
        </div>
      </form>
    </section>
  );
}
