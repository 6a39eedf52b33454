import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { rank } from '@/lib/catalog/rank';
import { buildCatalogView, entryKey } from '@/lib/catalog/view';
import { fileToAttachment } from '@/lib/requests/attachments';
import { draftKey } from '@/lib/requests/draft';
import type { DeskError } from '@/lib/domain';
import type { NextAction } from '@/lib/i18n/describe';
import { t } from '@/lib/i18n';
import { badgeOf, openCount } from '@/lib/tracking/snapshot';
import { departmentOf, formOf, type PopupStore } from '@/stores/popup';
import { requestOf, type RequestsStore } from '@/stores/requests';
import { draftSummaries, homeRows } from '@/stores/home';
import { ConversationView } from '@/components/popup/ConversationView';
import { FormView } from '@/components/popup/FormView';
import { HomeView } from '@/components/popup/HomeView';
import { MAX_ROWS } from '@/lib/catalog/rows';
import { PopupShell } from '@/components/popup/PopupShell';
import { RequestsView } from '@/components/popup/RequestsView';
import { QueuedView, SentView } from '@/components/popup/SentView';
import { Spinner } from '@/components/common/Notice';

export interface AppProps {
  store: PopupStore;
  requests: RequestsStore;
  now(): number;
  openUrl(url: string): void;
  openOptions(): void;
}

export function App({ store, requests, now, openUrl, openOptions }: AppProps) {
  const s = useStore(store);
  const r = useStore(requests);
  // Built once per catalog and configuration; each keystroke only searches it.
  const view = useMemo(() => (s.catalog ? buildCatalogView(s.catalog, s.config) : null), [s.catalog, s.config]);
  // The search index is built after the first frame, so neither opening nor typing waits for it.
  useEffect(() => {
    const idle = setTimeout(() => void view?.index, 0);
    return () => clearTimeout(idle);
  }, [view]);
  const ranked = useMemo(
    () => (view ? rank(view, { query: s.query, pageUrl: s.page, history: s.history, now: now(), limit: MAX_ROWS }) : { suggestions: [], total: 0 }),
    [view, s.query, s.page, s.history, now],
  );
  const onAction = (action: NextAction, error: DeskError) => {
    if (action === 'retry') void (s.tab === 'new' ? s.refresh() : r.sync());
    else if (action === 'signin' && error.signInUrl) openUrl(error.signInUrl);
    else openOptions();
  };
  // A request names its department; a desk that files by form (JSM) may name it through the form.
  const departmentName = (deskId: string, id: string, formId?: string) =>
    departmentOf(s.catalog, { deskId, departmentId: id })?.name ??
    departmentOf(s.catalog, { deskId, departmentId: formOf(s.catalog, formId ? { deskId, formId } : null)?.departmentIds[0] ?? '' })?.name;
  const tracked = r.snapshot?.requests ?? [];
  const onTab = (tab: typeof s.tab) => {
    s.setTab(tab);
    if (tab === 'requests') {
      void r.loadOutbox();
      void r.sync();
    }
  };

  let body;
  if (s.tab === 'requests') {
    const open = requestOf(r.snapshot, r.openKey);
    body = open ? (
      <ConversationView
        request={open}
        departmentName={departmentName(open.ref.deskId, open.departmentId, open.formId)}
        messages={r.messages}
        messagesError={r.messagesError}
        reply={r.reply}
        file={r.file}
        replying={r.replying}
        replyError={r.replyError}
        replySent={r.replySent}
        now={now()}
        onBack={r.close}
        onReply={r.setReply}
        onPickFile={(file) => void (file ? fileToAttachment(file).then(r.attach) : r.attach(undefined))}
        onRemoveFile={() => r.attach(undefined)}
        onSend={r.sendReply}
        onOpenDesk={openUrl}
        onAction={onAction}
      />
    ) : (
      <RequestsView
        requests={tracked}
        outbox={r.outbox}
        retrying={r.retrying}
        onRetry={r.retryOutbox}
        onCancel={(clientId) =>
          void r.cancelOutbox(clientId).then((answer) => (answer?.status === 'returned' ? s.restore(answer.input) : answer && void r.sync()))
        }
        departmentName={departmentName}
        syncing={r.syncing}
        syncError={r.syncError}
        now={now()}
        onOpen={r.open}
        onAction={onAction}
      />
    );
  } else if (!s.ready) body = <Spinner label={t('home.loading')} />;
  else if (s.view === 'sent' && s.outcome) body = <SentView outcome={s.outcome} onOpen={openUrl} onAnother={s.fileAnother} />;
  else if (s.view === 'sent' && s.queued)
    body = (
      <QueuedView
        departmentName={s.queued.departmentName}
        error={s.queued.error}
        nextAt={s.queued.nextAt}
        now={now()}
        busy={s.submitting}
        onRetry={s.retryQueued}
        onCancel={s.cancelQueued}
        onAction={onAction}
      />
    );
  else {
    const form = formOf(s.catalog, s.draft, s.fields);
    const department = departmentOf(s.catalog, s.draft);
    body =
      s.view === 'form' && s.draft && form && department ? (
        <FormView
          department={department}
          card={view?.entries.find((e) => e.key === entryKey(form))?.card}
          onOpenUrl={openUrl}
          form={form}
          draft={s.draft}
          problems={s.problems}
          context={s.context}
          capturing={s.context === null}
          submitting={s.submitting}
          submitError={s.submitError}
          fieldsError={s.fieldsError}
          savedAt={s.draftSavedAt}
          onBack={s.back}
          onEdit={s.edit}
          onField={s.setField}
          onToggleContext={s.toggleContext}
          onScreenshot={s.setScreenshot}
          onPickFiles={(files) => {
            for (const file of files) void fileToAttachment(file).then((a) => s.attach(a, file.name));
          }}
          onRemoveFile={s.detach}
          tooLarge={s.tooLarge}
          focusDescription={s.report}
          onSubmit={s.submit}
          onAction={onAction}
        />
      ) : (
        <HomeView
          query={s.query}
          total={ranked.total}
          rows={homeRows(ranked)}
          hasCatalog={Boolean(s.catalog)}
          configured={s.configured}
          syncing={s.sync === 'syncing'}
          syncError={s.syncError}
          onQuery={s.setQuery}
          onPick={(key) => {
            const pick = ranked.suggestions.find((x) => x.entry.key === key);
            if (pick) s.open(pick.entry.form, { ...pick.entry.defaults, ...pick.prefill }, pick.entry.department.id);
          }}
          drafts={draftSummaries(s.drafts, s.catalog, s.page)}
          now={now()}
          onResume={(key) => {
            const draft = s.drafts.find((d) => draftKey(d) === key);
            if (draft) void s.resume(draft);
          }}
          onAction={onAction}
        />
      );
  }

  return (
    <PopupShell tab={s.tab} openCount={openCount(tracked)} marked={badgeOf(tracked).marked} onTab={onTab} onSettings={openOptions}>
      {body}
    </PopupShell>
  );
}
