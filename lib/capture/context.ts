// The page context a request carries: assembled from what the page, the browser and the
// screenshot gave, redacted once here, and rendered into the request body.
import type { Attachment } from '../domain';
import { t } from '../i18n';
import type { PageFacts } from './page';
import type { CaptureSettings } from '../settings/policy';
import { compilePatterns, MAX_LENGTH, redactText, redactUrl, type RejectedPattern } from './redact';

export type ContextItem = 'url' | 'title' | 'selection' | 'link' | 'image' | 'frame' | 'screenshot' | 'browser';

export type CaptureGap = 'page' | 'screenshot';

export interface BrowserFacts {
  browser: string;
  os: string;
  language: string;
}

export interface PageContext {
  url?: string;
  /** Secrets taken out of the URL, title and selection. */
  redactions: number;
  title?: string;
  selection?: string;
  /** What a right-click was on: a link, an image, or a frame inside the page. */
  link?: string;
  image?: string;
  frame?: string;
  screenshot?: string; // data:image/png;base64,...
  browser?: string;
  /** What could not be captured, so the preview can say so instead of failing silently. */
  gaps: CaptureGap[];
  /** Files the user attached; kept with the draft's context (not per keystroke) and sent as attachments. */
  files?: Attachment[];
  /** Administrator patterns refused as invalid or unsafe to run over page text, for the options page to show. */
  rejectedPatterns?: RejectedPattern[];
}

export interface CaptureParts {
  page?: PageFacts;
  /** From a context-menu click: the browser's own account of what was clicked. */
  click?: { selection?: string; link?: string; image?: string; frame?: string };
  /** The tab's URL and title as the browser knows them, for pages scripts cannot enter. */
  tab?: { url?: string; title?: string };
  screenshot?: string;
  browser: BrowserFacts;
}

export function browserLine(facts: BrowserFacts, page?: PageFacts): string {
  const parts = [facts.browser, facts.os, page?.language || facts.language];
  if (page) parts.push(`${page.viewport.width}×${page.viewport.height}`);
  return parts.filter(Boolean).join(' · ');
}

/**
 * The page context to preview and send, redacted. `capture` is the setting in effect (the
 * administrator's, else the user's): no screenshot, no selection, no browser facts, extra
 * patterns to black out.
 */
export function buildContext(parts: CaptureParts, capture: CaptureSettings = {}): PageContext {
  const { patterns, rejected } = compilePatterns(capture.redact ?? []);
  const rawUrl = parts.page?.url || parts.tab?.url;
  const url = rawUrl ? redactUrl(rawUrl, patterns) : undefined;
  const title = redactText(parts.page?.title || parts.tab?.title || '', patterns, MAX_LENGTH.title);
  const keepSelection = capture.selection !== false;
  const selection = redactText(keepSelection ? parts.click?.selection || parts.page?.selection || '' : '', patterns, MAX_LENGTH.selection);
  const screenshot = capture.screenshot === false ? undefined : parts.screenshot;
  const clicked = (['link', 'image', 'frame'] as const).flatMap((k) => {
    const raw = parts.click?.[k];
    return raw && raw !== rawUrl ? [[k, redactUrl(raw, patterns)] as const] : [];
  });
  const gaps: CaptureGap[] = [];
  if (!parts.page) gaps.push('page');
  if (!screenshot && capture.screenshot !== false) gaps.push('screenshot');
  return {
    ...(url ? { url: url.url } : {}),
    ...(title.text ? { title: title.text } : {}),
    ...(selection.text ? { selection: selection.text } : {}),
    ...Object.fromEntries(clicked.map(([k, r]) => [k, r.url])),
    ...(screenshot ? { screenshot } : {}),
    ...(capture.browser === false ? {} : { browser: browserLine(parts.browser, parts.page) }),
    redactions: (url?.count ?? 0) + title.count + selection.count + clicked.reduce((n, [, r]) => n + r.count, 0),
    gaps,
    ...(rejected.length ? { rejectedPatterns: rejected } : {}),
  };
}

/** Drops what the user removed from the preview. */
export function keepContext(context: PageContext, excluded: readonly ContextItem[]): PageContext {
  const kept: PageContext = { ...context };
  for (const item of excluded) delete kept[item];
  return kept;
}

/** The request body: the user's words, then the page context as plain text for the desk. */
export function composeBody(description: string, context: PageContext, reference?: string): string {
  const lines: string[] = [];
  if (context.url) lines.push(`${t('body.page')}: ${context.url}`);
  if (context.title) lines.push(`${t('body.title')}: ${context.title}`);
  if (context.selection) {
    lines.push(`${t('body.selection')}:`);
    lines.push(...context.selection.split('\n').map((l) => `> ${l}`));
  }
  if (context.link) lines.push(`${t('body.link')}: ${context.link}`);
  if (context.image) lines.push(`${t('body.image')}: ${context.image}`);
  if (context.frame) lines.push(`${t('body.frame')}: ${context.frame}`);
  if (context.browser) lines.push(`${t('body.browser')}: ${context.browser}`);
  if (context.screenshot) lines.push(`${t('body.screenshot')}: ${SCREENSHOT_NAME}`);
  const text = description.trim();
  const body = lines.length === 0 ? text : `${text}\n\n${t('body.heading')}\n${lines.join('\n')}`;
  return reference ? `${body}\n\n${SIGNATURE}\n${t('body.footer', { ref: reference })}` : body;
}

/**
 * The reference (the client id an interrupted create is found by: each adapter's findRequest)
 * goes last, under a signature delimiter, where mail clients and people expect a sender's
 * footer and not the request; the requester's conversation in the extension leaves it out.
 */
const SIGNATURE = '-- ';
const [REF_BEFORE = '', REF_AFTER = ''] = t('body.footer').split('{ref}');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const FOOTER = new RegExp(`(?:\\s*\\n|^)--[ \\t]*\\r?\\n${escape(REF_BEFORE)}\\S+${escape(REF_AFTER)}\\s*$`);
/** A reference on a line of its own, as bodies carried it in the page block before the footer. */
const LINE = new RegExp(`^${escape(t('body.reference'))}: \\S+[ \\t]*(?:\\r?\\n|$)`, 'm');

/** A message as its author wrote it: without the reference footer composeBody adds. */
export function withoutReference(text: string): string {
  const kept = text.replace(FOOTER, '').replace(LINE, '');
  return kept === text ? text : kept.replace(/\s+$/, '');
}

export const SCREENSHOT_NAME = 'screenshot.png';

export function dataUrlToAttachment(dataUrl: string, name: string): Attachment | undefined {
  const m = /^data:([\w/+.-]+);base64,(.*)$/s.exec(dataUrl);
  return m ? { name, type: m[1] ?? 'application/octet-stream', data: m[2] ?? '' } : undefined;
}
