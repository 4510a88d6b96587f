import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { openerOf } from './focus-opener';

/**
 * Gives the focus back to what opened a panel when the panel goes away, as a dialog does: call it
 * before the effect that moves the focus into the panel, with a key that changes when the panel
 * shows something else. An opener no longer on the page (redrawn meanwhile) gives way to `fallback`.
 */
export function useFocusReturn(
  panel: RefObject<HTMLElement>,
  key: string,
  fallback: () => HTMLElement | null,
): void {
  const opener = useRef<HTMLElement>();
  useEffect(() => {
    const active = openerOf(document.activeElement, panel.current, document.body);
    if (active instanceof HTMLElement) opener.current = active;
  }, [key, panel]);
  const fallbackRef = useRef(fallback);
  fallbackRef.current = fallback;
  useEffect(
    () => () => {
      const target = opener.current?.isConnected ? opener.current : fallbackRef.current();
      target?.focus();
    },
    [],
  );
}
