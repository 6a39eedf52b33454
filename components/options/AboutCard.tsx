import { t } from '@/lib/i18n';
import { isEverySite, isKnownPermission, orderedPermissions, type ExtensionAbout } from '@/lib/settings/about';

/** The version, and each permission held now with why (a desk's address once it is granted). */
export function AboutCard({ about }: { about: ExtensionAbout | null }) {
  return (
    <section className="settings-card" aria-labelledby="about-title">
      <h2 id="about-title">{t('settings.about.title')}</h2>
      {!about ? (
        <p className="muted">{t('settings.about.unread')}</p>
      ) : (
        <>
          <p>{t('settings.about.version', { version: about.version })}</p>
          <h3 className="settings-card__subtitle">{t('settings.about.permissions')}</h3>
          <dl className="about">
            {orderedPermissions(about).map((name) => (
              <div key={name} className="about__row">
                <dt>
                  <code>{name}</code>
                </dt>
                <dd>{isKnownPermission(name) ? t(`settings.about.why.${name}`) : t('settings.about.why.other')}</dd>
              </div>
            ))}
            {about.origins.map((origin) => (
              <div key={origin} className="about__row">
                <dt>
                  <code>{origin}</code>
                </dt>
                <dd>{isEverySite(origin) ? t('settings.about.why.everySite') : t('settings.about.why.desk')}</dd>
              </div>
            ))}
          </dl>
          {about.origins.length === 0 && <p className="field__hint">{t('settings.about.noDesk')}</p>}
        </>
      )}
    </section>
  );
}
