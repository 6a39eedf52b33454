// What the page itself can tell. `readPage` runs inside the page through
// scripting.executeScript, so it must stay self-contained: no imports, no outer helpers.
export interface PageFacts {
  url: string;
  title: string;
  selection: string;
  language: string;
  viewport: { width: number; height: number };
}

export function readPage(doc: Document = document, win: Pick<Window, 'innerWidth' | 'innerHeight'> = window): PageFacts {
  const limit = 4000;
  let selection = doc.getSelection?.()?.toString() ?? '';
  const active = doc.activeElement as HTMLInputElement | HTMLTextAreaElement | null;
  if (!selection && active && typeof active.selectionStart === 'number' && /^(textarea|input)$/i.test(active.tagName)) {
    const type = (active.getAttribute('type') ?? 'text').toLowerCase();
    if (type !== 'password') selection = active.value.slice(active.selectionStart, active.selectionEnd ?? active.selectionStart);
  }
  selection = selection.replace(/\r\n/g, '\n').trim();
  return {
    url: doc.URL,
    title: (doc.title || '').trim(),
    selection: selection.length > limit ? `${selection.slice(0, limit)}…` : selection,
    language: doc.documentElement?.lang || '',
    viewport: { width: win.innerWidth, height: win.innerHeight },
  };
}
