import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { applyMarks, toImageRect, type Mark, type Pixels, type Rect } from '@/lib/capture/annotate';
import { t } from '@/lib/i18n';

export interface ScreenshotEditorProps {
  src: string;
  onDone(dataUrl: string): void;
  onClose(): void;
}

/**
 * The screenshot large: drag to highlight an area or black it out before it is sent. A modal
 * dialog: Tab stays in it, Esc closes it (not the form under it), and the focus goes back to
 * where it was when it closes.
 */
export function ScreenshotEditor({ src, onDone, onClose }: ScreenshotEditorProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  // Read while rendering: by the time effects run, the Done button has taken the focus.
  const [opener] = useState(() => document.activeElement as HTMLElement | null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', ''); // a DOM without the top layer (tests)
    }
    return () => opener?.focus();
  }, [opener]);
  const [original, setOriginal] = useState<Pixels | null>(null);
  const [marks, setMarks] = useState<Mark[]>([]);
  const [kind, setKind] = useState<Mark['kind']>('blackout');
  const [drag, setDrag] = useState<{ x: number; y: number; rect?: Rect } | null>(null);

  useEffect(() => {
    const img = new Image();
    img.onload = () => {
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext('2d');
      if (!ctx) return;
      ctx.drawImage(img, 0, 0);
      const { data, width, height } = ctx.getImageData(0, 0, c.width, c.height);
      setOriginal({ data, width, height });
    };
    img.src = src;
  }, [src]);

  const pending = drag?.rect ? [{ kind, rect: drag.rect }] : [];
  useEffect(() => {
    const c = canvas.current;
    if (!c || !original) return;
    c.width = original.width;
    c.height = original.height;
    const out = applyMarks(original, [...marks, ...pending]);
    c.getContext('2d')?.putImageData(new ImageData(out.data, out.width, out.height), 0, 0);
  });

  function point(e: PointerEvent<HTMLCanvasElement>) {
    const box = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top, box };
  }
  function onMove(e: PointerEvent<HTMLCanvasElement>) {
    if (!drag || !original) return;
    const p = point(e);
    setDrag({ ...drag, rect: toImageRect({ x: drag.x, y: drag.y, w: p.x - drag.x, h: p.y - drag.y }, p.box, original) });
  }
  function onUp() {
    if (drag?.rect && Math.abs(drag.rect.w) > 2 && Math.abs(drag.rect.h) > 2) setMarks([...marks, { kind, rect: drag.rect }]);
    setDrag(null);
  }

  return (
    <dialog
      ref={dialog}
      className="lightbox"
      aria-label={t('editor.title')}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      // Keys here are the editor's: Esc or Ctrl+Enter do not reach the form under it.
      onKeyDown={(e) => e.stopPropagation()}
    >
      <div className="editor__tools" role="group" aria-label={t('editor.title')}>
        {(['highlight', 'blackout'] as const).map((k) => (
          <button key={k} type="button" className={`button button--small${kind === k ? ' button--primary' : ''}`} aria-pressed={kind === k} onClick={() => setKind(k)}>
            {t(k === 'highlight' ? 'editor.highlight' : 'editor.blackout')}
          </button>
        ))}
        <button type="button" className="button button--small" disabled={marks.length === 0} onClick={() => setMarks(marks.slice(0, -1))}>
          {t('editor.undo')}
        </button>
      </div>
      <p className="field__hint">{t('editor.hint')}</p>
      <canvas
        ref={canvas}
        className="editor__canvas"
        aria-label={t('editor.canvas')}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture?.(e.pointerId);
          const p = point(e);
          setDrag({ x: p.x, y: p.y });
        }}
        onPointerMove={onMove}
        onPointerUp={onUp}
      />
      <div className="editor__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('action.close')}
        </button>
        <button
          type="button"
          className="button button--primary"
          autoFocus
          onClick={() => {
            if (marks.length > 0 && canvas.current) onDone(canvas.current.toDataURL('image/png'));
            onClose();
          }}
        >
          {t('editor.done')}
        </button>
      </div>
    </dialog>
  );
}
