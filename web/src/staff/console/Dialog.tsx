import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal on the native <dialog> element: focus stays inside while open, Esc closes, and focus returns to
 * where it was when the dialog closes.
 */
export function Dialog({ open, title, onClose, children, wide = false }: { open: boolean; title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const before = useRef<Element | null>(null);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      before.current = document.activeElement;
      d.showModal();
    } else if (!open && d.open) {
      d.close();
    }
  }, [open]);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    const onClosed = () => {
      close.current();
      const el = before.current as HTMLElement | null;
      if (el && document.contains(el)) el.focus();
    };
    d.addEventListener('close', onClosed);
    return () => d.removeEventListener('close', onClosed);
  }, []);

  return (
    <dialog ref={ref} className={`cc-dialog${wide ? ' cc-dialog-wide' : ''}`} aria-labelledby="cc-dialog-title">
      {open && (
        <>
          <div className="cc-dialog-head">
            <h2 id="cc-dialog-title">{title}</h2>
            <button type="button" className="btn btn-light btn-sm" onClick={() => ref.current?.close()} aria-label="Đóng hộp thoại">
              Đóng <kbd>Esc</kbd>
            </button>
          </div>
          {children}
        </>
      )}
    </dialog>
  );
}
