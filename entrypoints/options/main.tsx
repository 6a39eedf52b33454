import { createRoot } from 'react-dom/client';
import { useStore } from 'zustand';
import { DeskSettings } from '@/components/options/DeskSettings';
import { NotificationSettings } from '@/components/options/NotificationSettings';
import { RouteSettings } from '@/components/options/RouteSettings';
import { t } from '@/lib/i18n';
import { createClient } from '@/lib/messaging/protocol';
import { requestOrigin, sendMessage } from '@/lib/platform/runtime';
import { catalogItem } from '@/lib/platform/storage';
import { createOptionsStore } from '@/stores/options';
import '@/components/styles.css';

const store = createOptionsStore({ client: createClient(sendMessage), requestOrigin, readCatalog: () => catalogItem.getValue() });
store.getState().load();

function Options() {
  const s = useStore(store);
  return (
    <main className="options">
      <header className="options__header">
        <h1>{t('settings.title')}</h1>
        <p className="muted">{t('settings.subtitle')}</p>
      </header>
      <DeskSettings {...s} onChange={s.change} onTest={s.test} onSave={s.save} />
      <NotificationSettings prefs={s.prefs} onChange={s.setPrefs} />
      {s.departments.length > 0 && (
        <RouteSettings departments={s.departments} route={s.prefs?.pageProblemRoute} onChange={(route) => s.setPrefs({ pageProblemRoute: route })} />
      )}
    </main>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(<Options />);
