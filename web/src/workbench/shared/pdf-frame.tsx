import { useEffect, useRef } from 'react';

/** How long after loading a frame's taking focus counts as the viewer's own doing, not the reader's. */
const GUARD_MS = 3000;

/**
 * A PDF in a frame. Chromium's PDF viewer focuses itself when it has loaded, which moves the reader's focus into the
 * frame and scrolls the page to it: a reader typing a decision further down would lose their place, and a click in
 * flight would land elsewhere. For a few seconds after the load, focus taken that way (the pointer not on the frame)
 * goes back where it was, and the page back where it was scrolled; later, Tab or a click into the frame is the
 * reader's own.
 */
export function PdfFrame({ src, title, className }: { src: string; title: string; className?: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const loadedAt = useRef(0);
  const pointerOver = useRef(false);
  const before = useRef<{ focus: Element | null; x: number; y: number }>({ focus: null, x: 0, y: 0 });

  useEffect(() => {
    const remember = () => {
      if (document.activeElement !== frame.current)
        before.current = { focus: document.activeElement, x: window.scrollX, y: window.scrollY };
    };
    remember();
    const giveBack = () => {
      const element = frame.current;
      if (
        !element ||
        document.activeElement !== element ||
        pointerOver.current ||
        Date.now() - loadedAt.current > GUARD_MS
      )
        return;
      const { focus, x, y } = before.current;
      if (focus instanceof HTMLElement && focus !== document.body) focus.focus({ preventScroll: true });
      else element.blur();
      window.scrollTo(x, y);
    };
    // Focus moving into the frame blurs this window; the viewer's scroll follows it.
    const onBlur = () => window.setTimeout(giveBack, 0);
    const onScroll = () => (document.activeElement === frame.current ? giveBack() : remember());
    window.addEventListener('blur', onBlur);
    window.addEventListener('scroll', onScroll, { passive: true });
    document.addEventListener('focusin', remember);
    return () => {
      window.removeEventListener('blur', onBlur);
      window.removeEventListener('scroll', onScroll);
      document.removeEventListener('focusin', remember);
    };
  }, []);

  return (
    <iframe
      ref={frame}
      className={className}
      src={src}
      title={title}
      onLoad={() => {
        loadedAt.current = Date.now();
      }}
      onMouseEnter={() => {
        pointerOver.current = true;
      }}
      onMouseLeave={() => {
        pointerOver.current = false;
      }}
    />
  );
}
