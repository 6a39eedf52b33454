import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Reason } from '@/lib/catalog/rank';
import type { DeskError } from '@/lib/domain';
import { MAX_ROWS, opensAt, type DraftSummary, type HomeRow } from '@/lib/catalog/rows';
import type { NextAction } from '@/lib/i18n/describe';
import { t } from '@/lib/i18n';
import { relativeTime } from '@/lib/i18n/time';
import { EmptyState, ErrorNotice, Spinner } from '../common/Notice';

/** An unfinished draft as the home view lists it. */

const REASON: Record<Reason, 'home.reason.rule' | 'home.reason.recent' | 'home.reason.frequent'> = {
  rule: 'home.reason.rule',
  recent: 'home.reason.recent',
  frequent: 'home.reason.frequent',
};

export interface HomeViewProps {
  query: string;
  /** The best rows, at most MAX_ROWS of `total`. */
  rows: HomeRow[];
  total: number;
  hasCatalog: boolean;
  configured: boolean | undefined;
  syncing: boolean;
  syncError?: DeskError;
  onQuery(query: string): void;
  onPick(key: string): void;
  drafts: DraftSummary[];
  now: number;
  onResume(key: string): void;
  onAction(action: NextAction, error: DeskError): void;
}

export function HomeView(props: HomeViewProps) {
  const { query, hasCatalog, configured, syncing, syncError } = props;
  const rows = props.rows.slice(0, MAX_ROWS);
  // With nothing typed, the rows with a reason (this page's rule, recent, frequent) come first.
  const firstPlain = rows.findIndex((r) => !r.reason);
  const suggested = query ? 0 : firstPlain < 0 ? rows.length : firstPlain;
  // The highlighted row belongs to the query it was chosen for; a new query starts at the top.
  const [nav, setNav] = useState({ query, index: 0 });
  const active = nav.query === query ? nav.index : 0;
  const setActive = (next: (i: number) => number) => setNav({ query, index: next(active) });
  /** Up and Down move the highlight, and the list scrolls to keep it in sight (the mouse's does not scroll). */
  const moveTo = (index: number) => {
    setActive(() => index);
    document.getElementById(`form-${index}`)?.scrollIntoView?.({ block: 'nearest' });
  };
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onSlash = (e: globalThis.KeyboardEvent) => {
      if (e.key === '/' && document.activeElement !== search.current) {
        e.preventDefault();
        search.current?.focus();
      }
    };
    window.addEventListener('keydown', onSlash);
    return () => window.removeEventListener('keydown', onSlash);
  }, []);

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    // Keys that confirm an input method's composition (Japanese, Chinese, …) are the IME's.
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'ArrowDown') moveTo(Math.min(active + 1, rows.length - 1));
    else if (e.key === 'ArrowUp') moveTo(Math.max(active - 1, 0));
    else if (e.key === 'Enter' && rows[active]) props.onPick(rows[active].key);
    else return;
    e.preventDefault();
  }

  if (configured === false) {
    return (
      <EmptyState title={t('home.notConfigured.title')}>
        <p>{t('home.notConfigured.body')}</p>
        <button type="button" className="button button--primary" onClick={() => props.onAction('settings', { kind: 'config', retryable: false })}>
          {t('action.settings')}
        </button>
      </EmptyState>
    );
  }

  return (
    <section className="home" aria-labelledby="home-title">
      <h1 id="home-title" className="visually-hidden">
        {t('home.title')}
      </h1>
      <label className="search">
        <span className="visually-hidden">{t('home.search.label')}</span>
        <svg className="search__icon" viewBox="0 0 20 20" aria-hidden="true">
          <path d="M8.5 3a5.5 5.5 0 0 1 4.4 8.8l4 4-1.1 1.1-4-4A5.5 5.5 0 1 1 8.5 3Zm0 1.5a4 4 0 1 0 0 8 4 4 0 0 0 0-8Z" />
        </svg>
        <input
          ref={search}
          className="search__input"
          type="search"
          autoFocus
          placeholder={t('home.search.placeholder')}
          value={query}
          onChange={(e) => props.onQuery(e.target.value)}
          onKeyDown={onKeyDown}
          aria-controls="form-list"
          aria-activedescendant={rows[active] ? `form-${active}` : undefined}
        />
      </label>
      <div className="home__status">
        {syncing && <Spinner label={hasCatalog ? t('home.refreshing') : t('home.loading')} />}
      </div>
      {/* What typing found, said to a screen reader (the list itself is not read out as it changes). */}
      <p className="visually-hidden" role="status">
        {query && hasCatalog ? (rows.length > 0 ? t('home.matchCount', { n: Math.max(props.total, rows.length) }) : t('home.noMatch', { query })) : ''}
      </p>
      {syncError && !syncing && (
        <ErrorNotice
          error={syncError}
          onAction={(action, error) => {
            // The notice goes while the departments are read again: the focus goes to the search box, not the page.
            if (action === 'retry') search.current?.focus();
            props.onAction(action, error);
          }}
        />
      )}
      {hasCatalog && rows.length === 0 && (
        <EmptyState title={query ? t('home.noMatch', { query }) : t('home.empty')} />
      )}
      {!query && props.drafts.length > 0 && (
        <>
          <h2 className="section-title">{t('home.drafts')}</h2>
          <ul className="cards drafts" aria-label={t('home.drafts')}>
            {props.drafts.map((d) => (
              <li key={d.key}>
                <button type="button" className="card card--draft" onClick={() => props.onResume(d.key)}>
                  <span className="card__name">{d.subject || t('home.drafts.untitled')}</span>
                  <span className="card__blurb">
                    {t('home.drafts.meta', { department: d.department, where: d.where, when: relativeTime(new Date(d.updatedAt).toISOString(), props.now) })}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {rows.length > 0 && (
        <div id="form-list" role="listbox" aria-label={t('home.forms')}>
          {[
            { title: t('home.suggested'), from: 0, to: suggested },
            { title: query ? t('home.results') : t('home.departments'), from: suggested, to: rows.length },
          ]
            .filter((g) => g.to > g.from)
            .map((g) => (
              <div key={g.title} role="group" aria-label={g.title}>
                <h2 className="section-title" aria-hidden="true">
                  {g.title}
                </h2>
                <ul className="cards" role="presentation">
                  {rows.slice(g.from, g.to).map((row, n) => {
                    const i = g.from + n;
                    const opens = opensAt(row.opens, props.now);
                    return (
                      <li key={row.key} id={`form-${i}`} role="option" aria-selected={i === active}>
                        <button type="button" className={`card${i === active ? ' card--active' : ''}`} onClick={() => props.onPick(row.key)} onMouseEnter={() => setActive(() => i)}>
                          <span className="card__head">
                            <span className="card__name">{row.name}</span>
                            {query && row.matched ? (
                              <span className="reason reason--matches">{t('home.reason.matches', { word: row.matched })}</span>
                            ) : (
                              row.reason && <span className={`reason reason--${row.reason}`}>{t(REASON[row.reason])}</span>
                            )}
                          </span>
                          {row.department && <span className="card__dept">{row.department}</span>}
                          {row.blurb && <span className="card__blurb">{row.blurb}</span>}
                          {row.firstResponse && <span className="card__meta">{t('card.firstResponse', { time: row.firstResponse })}</span>}
                          {opens && <span className="card__meta card__closed">{t('card.closed', { time: opens })}</span>}
                        </button>
                      </li>
                    );
                  })}
                </ul>
              </div>
            ))}
        </div>
      )}
      {props.total > rows.length && <p className="muted home__more">{t('home.more', { shown: rows.length, total: props.total })}</p>}
    </section>
  );
}
