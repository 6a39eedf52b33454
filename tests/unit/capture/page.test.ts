// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { readPage } from '@/lib/capture/page';
import { buildContext, composeBody, keepContext, withoutReference } from '@/lib/capture/context';

function load(name: string, url: string) {
  const html = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'pages', name), 'utf8');
  const dom = new JSDOM(html, { url });
  return { doc: dom.window.document, win: { innerWidth: 1024, innerHeight: 700 } };
}

const browser = { browser: 'Chrome 156', os: 'Linux', language: 'en-US' };

describe('readPage', () => {
  it('reads URL, trimmed title, language, viewport and the selected text', () => {
    const { doc, win } = load('expense-form.html', 'https://intranet.example/reise?id=7');
    const range = doc.createRange();
    range.selectNodeContents(doc.getElementById('error') as HTMLElement);
    doc.getSelection()?.addRange(range);
    expect(readPage(doc, win)).toEqual({
      url: 'https://intranet.example/reise?id=7',
      title: 'Reisekosten – Abrechnung | Intranet',
      selection: 'Fehler 500: Der Beleg konnte nicht gespeichert werden.',
      language: 'de-DE',
      viewport: { width: 1024, height: 700 },
    });
  });

  it('reads a selection inside a text area', () => {
    const { doc, win } = load('expense-form.html', 'https://intranet.example/');
    const note = doc.getElementById('note') as HTMLTextAreaElement;
    note.focus();
    note.setSelectionRange(0, 18);
    expect(readPage(doc, win).selection).toBe('Taxi vom Flughafen');
  });

  it('never reads a selection inside a password field', () => {
    const { doc, win } = load('expense-form.html', 'https://intranet.example/');
    const pw = doc.getElementById('pw') as HTMLInputElement;
    pw.focus();
    pw.setSelectionRange(0, 7);
    expect(readPage(doc, win).selection).toBe('');
  });

  it('cuts a very long selection', () => {
    const dom = new JSDOM(`<p id="p">${'word '.repeat(2000)}</p>`, { url: 'https://a.example/' });
    const range = dom.window.document.createRange();
    range.selectNodeContents(dom.window.document.getElementById('p') as HTMLElement);
    dom.window.document.getSelection()?.addRange(range);
    const { selection } = readPage(dom.window.document, { innerWidth: 1, innerHeight: 1 });
    expect(selection.length).toBe(4001);
    expect(selection.endsWith('…')).toBe(true);
  });
});

describe('buildContext and composeBody', () => {
  const page = {
    url: 'https://intranet.example/reise?id=7&session=abc',
    title: 'Reisekosten',
    selection: 'Fehler 500\nnicht gespeichert',
    language: 'de-DE',
    viewport: { width: 1024, height: 700 },
  };

  it('redacts the URL once and records what could not be captured', () => {
    const context = buildContext({ page, browser });
    expect(context).toEqual({
      url: 'https://intranet.example/reise?id=7&session=[redacted]',
      title: 'Reisekosten',
      selection: 'Fehler 500\nnicht gespeichert',
      browser: 'Chrome 156 · Linux · de-DE · 1024×700',
      redactions: 1,
      gaps: ['screenshot'],
    });
  });

  it('falls back to what the browser knows for pages scripts cannot read', () => {
    const context = buildContext({ tab: { url: 'chrome://settings/', title: 'Settings' }, browser });
    expect(context).toMatchObject({ url: 'chrome://settings/', title: 'Settings', gaps: ['page', 'screenshot'] });
  });

  it('writes the user words first, then the page context, quoting the selection', () => {
    const context = buildContext({ page, browser, screenshot: 'data:image/png;base64,AAAA' });
    expect(composeBody('  Das Speichern schlägt fehl.  ', context)).toBe(
      [
        'Das Speichern schlägt fehl.',
        '',
        '— From the page (sent with Instant Desk) —',
        'Page: https://intranet.example/reise?id=7&session=[redacted]',
        'Title: Reisekosten',
        'Selected text:',
        '> Fehler 500',
        '> nicht gespeichert',
        'Browser: Chrome 156 · Linux · de-DE · 1024×700',
        'Screenshot attached: screenshot.png',
      ].join('\n'),
    );
  });

  it('leaves out every item the user removed', () => {
    const context = keepContext(buildContext({ page, browser, screenshot: 'data:image/png;base64,AAAA' }), [
      'url',
      'title',
      'selection',
      'browser',
      'screenshot',
    ]);
    expect(composeBody('Only this.', context)).toBe('Only this.');
  });

  it('puts the reference last, in a footer under a signature delimiter, not in the page block', () => {
    const ref = '6f1c2d9e-0b8a-4c1e-9f3a-2b7d5e8c4a10';
    const body = composeBody('Die Tür klemmt.', buildContext({ page, browser }), ref);
    expect(body.split('\n').slice(-4, -1)).toEqual(['Browser: Chrome 156 · Linux · de-DE · 1024×700', '', '-- ']);
    expect(body.endsWith(`-- \nSent with Instant Desk · ref. ${ref}`)).toBe(true);
    expect(body.match(new RegExp(ref, 'g'))).toHaveLength(1);
    expect(composeBody('Only this.', { redactions: 0, gaps: [] }, ref)).toBe(`Only this.\n\n-- \nSent with Instant Desk · ref. ${ref}`);
  });

  it('shows the requester their words without the reference, as the desk sends them back', () => {
    const ref = '6f1c2d9e-0b8a-4c1e-9f3a-2b7d5e8c4a10';
    const body = composeBody('Die Tür klemmt.', buildContext({ page, browser }), ref);
    expect(withoutReference(body)).toBe(composeBody('Die Tür klemmt.', buildContext({ page, browser })));
    // Desks may send CRLF line ends, and drop the delimiter's trailing space.
    expect(withoutReference(body.replaceAll('\n', '\r\n'))).toBe(withoutReference(body).replaceAll('\n', '\r\n'));
    expect(withoutReference(body.replace('-- \n', '--\n'))).toBe(withoutReference(body));
    // A reference line on its own (requests filed before the footer, rating replies) goes too.
    expect(withoutReference(`Thanks!\n\nInstant Desk reference: ${ref}`)).toBe('Thanks!');
    // Anything else is left as written, a signature of the person's own included.
    for (const text of ['Hi\n-- \nAlice', 'See ref. 12 below\n', 'Sent with Instant Desk · ref. x in the middle\nof a line']) {
      expect(withoutReference(text)).toBe(text);
    }
  });
});
