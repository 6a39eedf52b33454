import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { nextTask } from '@/lib/catalog/routing/route';
import type { DeskError } from '@/lib/domain';
import type { NextAction } from '@/lib/i18n/describe';
import { t } from '@/lib/i18n';
import { draftKey } from '@/lib/requests/draft';
import { badgeOf, openCount } from '@/lib/tracking/snapshot';
import { departmentOf, formOf, routingOf, type PopupStore } from '@/stores/popup';
import { attachFiles, attachReplyFile, cardOf, cardOfDepartment, catalogViewOf, departmentNameOf, pickShown, rankHome, warmIndex, warmRouting } from '@/stores/popup-view';
import { requestOf, type RequestsStore } from '@/stores/requests';
import { expectationsMemo, nudgeStateOf } from '@/stores/requests-view';
import { localZone } from '@/lib/domain/hours';
import { draftSummaries, homeRows, openingsOf } from '@/stores/home';
import { opensAt } from '@/lib/catalog/rows';
import { HomeView } from '@/components/popup/HomeView';
import { PopupShell } from '@/components/popup/PopupShell';
import { Spinner } from '@/components/common/Notice';
import { conversationView, formView, queuedView, requestsView, sentView } from './views';
import type { RatingsStore } from '@/stores/ratings';
import { RatingPrompts } from './ratings';

// Every view but home comes through views.ts (an import() the build resolves from the app's file).
const FormView = formView.View;
const ConversationView = conversationView.View;

/** A Mac's keyboard, where Send is ⌘+Return: the shortcut is named as its keys say it. */
const MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
const RequestsView = requestsView.View;
const SentView = sentView.View;
const QueuedView = queuedView.View;

/** Runs `task` once the browser has a moment (after the frame being drawn); returns the cancel. */
function later(task: () => void): () => void {
  const idle = setTimeout(task, 0);
  return () => clearTimeout(idle);
}

export interface AppProps {
  store: PopupStore;
  requests: RequestsStore;
  /** "How did we do?" prompts (My requests). */
  ratings?: RatingsStore;
  now(): number;
  openUrl(url: string): void;
  openOptions(): void;
}

const NONE: never[] = [];

export function App({ store, requests, ratings, now, openUrl, openOptions }: AppProps) {
  const s = useStore(store);
  const r = useStore(requests);
  // What to expect of each open request: worked out again when the requests, catalog or configuration change, or a minute passes.
  const [expectationsOf] = useState(expectationsMemo);
  // Built once per catalog and configuration; each keystroke only searches it.
  const view = useMemo(() => catalogViewOf(s.catalog, s.config), [s.catalog, s.config]);
  // The search index is built after the first frame, so neither opening nor typing waits for it.
  useEffect(() => warmIndex(view, later), [view]);
  // Routing from plain words joins in once loaded (after the first frame).
  // Its index of the catalog is built 8 ms at a time between keystrokes (not in idle time: while a
  // sentence is typed fast there is none); until then they rank by search alone.
  const [indexed, setIndexed] = useState(0);
  useEffect(() => warmRouting(view, s.router, nextTask, () => (performance.mark('popup:routing-index'), setIndexed((n) => n + 1))), [view, s.router]);
  const routing = useMemo(() => routingOf(s.router, s.config, s.userRouting), [s.router, s.config, s.userRouting]);
  // A keystroke only updates the box; the list follows in a render React may interrupt for the
  // next keystroke, so typing never waits for ranking and re-rendering the rows.
  const query = useDeferredValue(s.query);
  const rankFor = (q: string) => rankHome(view, { query: q, page: s.page, history: s.history, now: now(), routing });
  const ranked = useMemo(() => rankFor(query), [view, query, s.page, s.history, now, routing, indexed]); // eslint-disable-line react-hooks/exhaustive-deps
  const rows = useMemo(() => homeRows(ranked, now()), [ranked]); // eslint-disable-line react-hooks/exhaustive-deps
  const onAction = (action: NextAction, error: DeskError) => {
    if (action === 'retry') void (s.tab === 'new' ? s.refresh() : r.sync());
    else if (action === 'signin' && error.signInUrl) openUrl(error.signInUrl);
    else openOptions();
  };
  const departmentName = (deskId: string, id: string, formId?: string) => departmentNameOf(s.catalog, deskId, id, formId);
  const tracked = r.snapshot?.requests ?? NONE;
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
    const clock = { now: now(), zone: localZone() };
    const expected = expectationsOf(tracked, s.catalog, s.config, clock);
    const nudge = open && r.openKey ? nudgeStateOf(expected[r.openKey], r.nudges[r.openKey], { ...clock, asking: r.nudging === r.openKey }) : undefined;
    body = open ? (
      <ConversationView
        mac={MAC}
        request={open}
        departmentName={departmentName(open.ref.deskId, open.departmentId, open.formId)}
        messages={r.messages}
        messagesError={r.messagesError}
        reply={r.reply}
        file={r.file}
        replying={r.openKey !== undefined && r.replyingTo.includes(r.openKey)}
        replyError={r.replyError}
        replySent={r.replySent}
        now={now()}
        expectation={r.openKey ? expected[r.openKey]?.line : undefined}
        nudge={
          nudge && nudge.state !== 'hidden'
            ? { ...nudge, error: r.nudgeError, onNudge: () => void (r.openKey && r.nudge(r.openKey)) }
            : undefined
        }
        onBack={r.close}
        onReply={r.setReply}
        onPickFile={(file) => void attachReplyFile(file, r.attach)}
        onRemoveFile={() => r.attach(undefined)}
        onSend={r.sendReply}
        onReload={r.reload}
        onOpenDesk={openUrl}
        onAction={onAction}
      />
    ) : (
      <RequestsView
        requests={tracked}
        outbox={r.outbox}
        retrying={r.retrying}
        cancelling={r.cancelling}
        cancelNote={r.cancelNote}
        onRetry={r.retryOutbox}
        onCancel={(clientId) =>
          void r.cancelOutbox(clientId).then((answer) => (answer?.status === 'returned' ? s.restore(answer.input) : answer && void r.sync()))
        }
        departmentName={departmentName}
        syncing={r.syncing}
        syncError={r.syncError}
        unreached={r.snapshot?.unreached}
        ratings={ratings && <RatingPrompts store={ratings} />}
        now={now()}
        expectations={expected}
        onOpen={r.open}
        onAction={onAction}
      />
    );
  } else if (!s.ready) body = <Spinner label={t('home.loading')} />;
  else if (s.view === 'sent' && s.outcome) {
    const card = cardOfDepartment(view, s.outcome.ticket.deskId, s.outcome.departmentName);
    const expectation = { promise: card?.firstResponse, opens: opensAt(openingsOf(card?.hours, now()), now()) };
    body = <SentView outcome={s.outcome} expectation={expectation} onOpen={openUrl} onAnother={s.fileAnother} />;
  }
  else if (s.view === 'sent' && s.queued)
    body = (
      <QueuedView
        departmentName={s.queued.departmentName}
        error={s.queued.error}
        nextAt={s.queued.nextAt}
        now={now()}
        busy={s.cancelling ? 'cancel' : s.submitting && 'retry'}
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
          mac={MAC}
          department={department}
          card={cardOf(view, form)}
          opens={opensAt(openingsOf(cardOf(view, form)?.hours, now()), now())}
          onOpenUrl={openUrl}
          form={form}
          draft={s.draft}
          proposed={s.proposed}
          problems={s.problems}
          context={s.context}
          capturing={s.context === null}
          submitting={s.submitting}
          submitError={s.submitError}
          fieldsError={s.fieldsError}
          savedAt={s.draftSavedAt}
          notSaved={s.draftError === 'full'}
          onBack={s.back}
          onEdit={s.edit}
          onField={s.setField}
          onToggleContext={s.toggleContext}
          onScreenshot={s.setScreenshot}
          onPickFiles={(files) => void attachFiles(files, s.attach)}
          onRemoveFile={s.detach}
          tooLarge={s.tooLarge}
          focusDescription={s.report}
          onSubmit={s.submit}
          onRetryFields={s.retryFields}
          onAction={onAction}
        />
      ) : (
        <HomeView
          query={s.query}
          total={ranked.total}
          rows={rows}
          hasCatalog={Boolean(s.catalog)}
          configured={s.configured}
          syncing={s.sync === 'syncing'}
          syncError={s.syncError}
          onQuery={s.setQuery}
          onPick={(key) => {
            const pick = pickShown({ query, ranked }, key, s.query, rankFor);
            if (pick) s.open(pick.form, pick.values, pick.departmentId, pick.typed);
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
