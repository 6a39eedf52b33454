import { useStore } from 'zustand';
import { filterDepartments } from '@/lib/catalog/search';
import type { NextAction } from '@/lib/i18n/describe';
import { departmentOf, formOf, type PopupStore } from '@/stores/popup';
import { FormView } from '@/components/popup/FormView';
import { HomeView } from '@/components/popup/HomeView';
import { PopupShell } from '@/components/popup/PopupShell';
import { SentView } from '@/components/popup/SentView';
import { Spinner } from '@/components/common/Notice';
import { t } from '@/lib/i18n';

export interface AppProps {
  store: PopupStore;
  openUrl(url: string): void;
  openOptions(): void;
}

export function App({ store, openUrl, openOptions }: AppProps) {
  const s = useStore(store);
  const onAction = (action: NextAction) => (action === 'retry' ? s.refresh() : openOptions());
  const form = formOf(s.catalog, s.draft);
  const department = departmentOf(s.catalog, s.draft);

  let body;
  if (!s.ready) body = <Spinner label={t('home.loading')} />;
  else if (s.view === 'sent' && s.outcome) body = <SentView outcome={s.outcome} onOpen={openUrl} onAnother={s.fileAnother} />;
  else if (s.view === 'form' && s.draft && form && department)
    body = (
      <FormView
        department={department}
        form={form}
        draft={s.draft}
        problems={s.problems}
        context={s.context}
        capturing={s.capturing}
        submitting={s.submitting}
        submitError={s.submitError}
        savedAt={s.draftSavedAt}
        onBack={s.back}
        onEdit={s.edit}
        onField={s.setField}
        onToggleContext={s.toggleContext}
        onSubmit={s.submit}
        onAction={onAction}
      />
    );
  else
    body = (
      <HomeView
        query={s.query}
        departments={s.catalog ? filterDepartments(s.catalog, s.query) : []}
        hasCatalog={Boolean(s.catalog)}
        configured={s.configured}
        syncing={s.sync === 'syncing'}
        syncError={s.syncError}
        onQuery={s.setQuery}
        onPick={s.open}
        onAction={onAction}
      />
    );

  return (
    <PopupShell onNew={s.fileAnother} onSettings={openOptions}>
      {body}
    </PopupShell>
  );
}
