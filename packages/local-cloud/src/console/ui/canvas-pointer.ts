import { type RefObject, useEffect, useRef } from 'preact/hooks';

/** How the canvas moves: zoom by a factor around a pixel (above 1 zooms in), pan by pixels. */
export interface CanvasMoves {
  readonly onZoom: (factor: number, anchorPx: number) => void;
  readonly onPan: (deltaPx: number) => void;
}

/**
 * The wheel zooms around the pointer, and pans with Shift or a sideways wheel. Added by hand, not
 * as a Preact handler: it must not be passive, to keep the page from scrolling while zooming.
 */
export function useWheelZoom(canvas: RefObject<HTMLCanvasElement>, moves: CanvasMoves): void {
  const latest = useRef(moves);
  latest.current = moves;
  useEffect(() => {
    const element = canvas.current;
    if (!element) return undefined;
    const onWheel = (event: WheelEvent) => {
      if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
        event.preventDefault();
        latest.current.onPan(event.deltaX || event.deltaY);
      } else if (event.deltaY !== 0) {
        event.preventDefault();
        latest.current.onZoom(Math.exp(-event.deltaY / 300), event.offsetX);
      }
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [canvas]);
}

/** A press that moved less than this many pixels is a click. */
const DRAG_THRESHOLD_PX = 3;

/** Pointer handlers: dragging pans, a press that does not move clicks at its point. */
export function useDragOrClick(onPan: (deltaPx: number) => void, onClick: (x: number, y: number) => void) {
  const drag = useRef<{ x: number; moved: boolean }>();
  return {
    onPointerDown: (event: PointerEvent) => {
      drag.current = { x: event.clientX, moved: false };
      (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    },
    onPointerMove: (event: PointerEvent) => {
      if (!drag.current) return;
      const delta = drag.current.x - event.clientX;
      if (Math.abs(delta) < DRAG_THRESHOLD_PX && !drag.current.moved) return;
      drag.current = { x: event.clientX, moved: true };
      onPan(delta);
    },
    onPointerUp: (event: PointerEvent) => {
      const wasDrag = drag.current?.moved;
      drag.current = undefined;
      if (!wasDrag) onClick(event.offsetX, event.offsetY);
    },
  };
}
