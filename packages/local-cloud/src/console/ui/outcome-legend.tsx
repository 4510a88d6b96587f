import { useEffect, useRef } from 'preact/hooks';
import type { InvocationOutcomeKind } from '../console-contract';
import { OUTCOME_LEGEND, outcomeFills, timelineColours } from './outcome-styles';

/** The outcomes' swatches, drawn with the timeline's own fills, each with its name and pattern in words. */
export function OutcomeLegend() {
  return (
    <ul class="legend" aria-label="Legend">
      {OUTCOME_LEGEND.map(({ outcome, label, pattern }) => (
        <li key={outcome}>
          <Swatch outcome={outcome} />
          {label} <span class="muted">({pattern})</span>
        </li>
      ))}
      <li>
        <span class="swatch swatch-init" aria-hidden="true" />
        INIT (cold start) <span class="muted">(thin bar before START)</span>
      </li>
      <li class="muted">
        Zoomed out, bars that share a pixel show as one column in their most common outcome, with a mark on
        top in the worst one when it differs.
      </li>
    </ul>
  );
}

function Swatch({ outcome }: { readonly outcome: InvocationOutcomeKind }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!canvas.current || !context) return;
    const colours = timelineColours(canvas.current);
    const fills = outcomeFills(context, colours);
    context.clearRect(0, 0, 24, 14);
    if (outcome === 'running') {
      context.strokeStyle = colours.outcome.running;
      context.lineWidth = 1.5;
      context.strokeRect(1, 1, 22, 12);
    } else {
      context.fillStyle = fills[outcome];
      context.fillRect(0, 0, 24, 14);
    }
  });
  return (
    <span aria-hidden="true">
      <canvas ref={canvas} class="swatch" width={24} height={14} />
    </span>
  );
}
