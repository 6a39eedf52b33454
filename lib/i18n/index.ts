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
