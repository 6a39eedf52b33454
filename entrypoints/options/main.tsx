import { createRoot } from 'react-dom/client';
import { useStore } from 'zustand';
import { DeskSettings } from '@/components/options/DeskSettings';
import { NotificationSettings } from '@/components/options/NotificationSettings';
import { RouteSettings } from '@/components/options/RouteSettings';
import { RatingSettings } from '@/components/options/RatingSettings';
import { DEFAULT_TIMEOUT_MS } from '@/lib/http/client';
import { t } from '@/lib/i18n';
import { createClient } from '@/lib/messaging/protocol';
import { aboutExtension, requestOrigin, sendMessage } from '@/lib/platform/runtime';
import { watchManaged } from '@/lib/platform/managed';
import { catalogItem, readSettings, userConfigItem } from '@/lib/platform/storage';
import { AboutCard } from '@/components/options/AboutCard';
import { CaptureSettingsCard } from '@/components/options/CaptureSettingsCard';
import { CatalogSettings } from '@/components/options/CatalogSettings';
import { FailureNotice } from '@/components/options/FailureNotice';
import { createOptionsStore, NEW_DESK, prefsCardOf, type PrefsCard } from '@/stores/options';
import '@/components/styles.css';

const store = createOptionsStore({
  client: createClient(sendMessage),
  requestOrigin,
  readCatalog: () => catalogItem.getValue(),
  readSettings,
  watchPolicy: watchManaged,
  readConfigText: () => userConfigItem.getValue(),
  // The popup applies it to the stored catalog when it opens: nothing to fetch again.
  writeConfigText: (text) => userConfigItem.setValue(text),
  readAbout: aboutExtension,
});
void store.getState().load();

function Options() {
  const s = useStore(store);
  const locked = s.layered?.locked ?? [];
  const prefsCard = prefsCardOf(s.prefsUnsaved, s.departments.length > 0);
  const prefsNotice = (where: PrefsCard) =>
    where === prefsCard ? <FailureNotice part="prefs" failure={s.failed.prefs} onRetry={() => s.retry('prefs')} /> : undefined;
  return (
    <main className="options">
      <header className="options__header">
        <h1>{t('settings.title')}</h1>
        <p className="muted">{t('settings.subtitle')}</p>
      </header>
      <DeskSettings
        desks={s.desks}
        desksLoaded={s.desksLoaded}
        failed={s.failed.desks}
        onRetry={() => s.retry('desks')}
        forms={s.forms}
        open={s.open}
        newKey={NEW_DESK}
        defaultTimeoutS={DEFAULT_TIMEOUT_MS / 1000}
        onAdd={s.add}
        onEdit={s.edit}
        onClose={s.close}
        onChange={s.change}
        onTest={s.test}
        onSave={s.save}
        onSignIn={s.signInOAuth}
        onRemove={s.remove}
      />
      <NotificationSettings prefs={s.prefs} locked={locked.includes('notifications')} notice={prefsNotice('notifications')} onChange={s.setPrefs} />
      <RatingSettings
        enabled={s.layered?.config.rating?.enabled ?? s.prefs?.ratings ?? true}
        question={s.layered?.config.rating?.question ?? t('rating.question')}
        rtField={s.layered?.config.rating?.rtField}
        locked={locked.includes('rating')}
        unread={!s.prefs}
        rt={s.desks.some((d) => d.kind === 'rt')}
        notice={prefsNotice('rating')}
        onChange={(ratings) => s.setPrefs({ ratings })}
      />
      {s.departments.length > 0 && (
        <RouteSettings
          departments={s.departments}
          route={s.prefs?.pageProblemRoute}
          managed={locked.includes('reportRoute') ? s.layered?.config.reportRoute : undefined}
          unread={!s.prefs}
          notice={prefsNotice('route')}
          onChange={(route) => s.setPrefs({ pageProblemRoute: route })}
        />
      )}
      <CaptureSettingsCard
        capture={s.layered?.config.capture ?? {}}
        locked={locked.includes('capture')}
        unread={!s.configLoaded || !s.layered}
        problems={s.captureProblems}
        notice={<FailureNotice part="capture" failure={s.failed.capture ?? (s.failed.config === 'read' ? 'read' : undefined)} onRetry={() => s.retry('capture')} />}
        onChange={(patch) => void s.setCapture(patch)}
      />
      <CatalogSettings
        locked={locked}
        policyProblems={s.layered?.policyProblems ?? []}
        text={s.configText}
        problems={s.configProblems}
        saved={s.configSaved}
        loaded={s.configLoaded}
        failed={s.failed.config}
        onRetry={() => s.retry('config')}
        onText={s.setConfigText}
        onRoutingModel={(file) => void file.text().then(s.addRoutingModel)}
        onSave={s.saveConfig}
      />
      <AboutCard about={s.about} />
    </main>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(<Options />);
