import type { RefObject } from 'preact';
import { useCallback, useEffect, useRef } from 'preact/hooks';
import { openerOf } from './focus-opener';

/**
 * Gives the focus back to what opened a panel, as a dialog does: call it before the effect that
 * moves the focus into the panel, with a key that changes when the panel shows something else. The
 * function it returns gives the focus back at once, for the panel's own close actions to call
 * before closing (the panel's removal would leave the focus on the page's body meanwhile); the
 * panel going away otherwise (Back) gives it back too. An opener no longer on the page (redrawn
 * meanwhile) gives way to `fallback`.
 */
export function useFocusReturn(
  panel: RefObject<HTMLElement>,
  key: string,
  fallback: () => HTMLElement | null,
): () => void {
  const opener = useRef<HTMLElement>();
  const fallbackRef = useRef(fallback);
  fallbackRef.current = fallback;
  useEffect(() => {
    const active = openerOf(document.activeElement, panel.current, document.body);
    if (active instanceof HTMLElement) opener.current = active;
  }, [key, panel]);
  const giveBack = useCallback(() => {
    const target = opener.current?.isConnected ? opener.current : fallbackRef.current();
    if (target && document.activeElement !== target) target.focus();
  }, []);
  useEffect(() => giveBack, [giveBack]);
  return giveBack;
}
