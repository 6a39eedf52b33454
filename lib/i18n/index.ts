// Every user-visible string comes from the locale files; English first. Pure, synchronous
// and bundled, so components and lib/ can use it without touching browser APIs.
import en from './locales/en.json';

export type MessageKey = keyof typeof en;

/** A code the locale words (errors of our own carry one as their detail). */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

/**
 * English only so far; a second locale adds a file here and a choice by navigator.language.
 * Dates and times are written as the locale's `format.dateLocale` (a BCP 47 tag) writes them.
 */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const template = en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in vars ? String(vars[name]) : `{${name}}`));
}

/** Items written as one list ("Room, Building"), with the locale's separator. */
export const listOf = (items: readonly string[]): string => items.join(t('list.separator'));

/** Parts of one line set apart ("Replies within 4 h · Opens Tue 09:00"), with the locale's mark; parts not there are left out. */
export const partsOf = (items: readonly (string | false | null | undefined)[]): string => items.filter((x): x is string => Boolean(x)).join(t('list.parts'));
