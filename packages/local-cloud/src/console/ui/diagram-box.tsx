import { countLines, humanName, MAX_COUNT_LINES, OVERVIEW_SIZES, type PlacedNode } from './overview-layout';

interface DiagramBoxProps {
  readonly placed: PlacedNode;
  /** The id of the box's clip path, unique in the page: long names stop at its edge. */
  readonly clipId: string;
  readonly counts: Readonly<Record<string, number>>;
}

/**
 * A node of the diagram: its kind, its name (wrapped; its title and accessible name give it whole)
 * and its counts, a link to its view for queues and tables.
 */
export function DiagramBox({ placed, clipId, counts }: DiagramBoxProps) {
  const { node, x, y, width, height, label } = placed;
  const { padding, labelLineHeight } = OVERVIEW_SIZES;
  const countsTop = y + 49 + (label.lines.length - 1) * labelLineHeight;
  const lines = countLines(counts);
  const href =
    node.kind === 'queue'
      ? `#queues/${encodeURIComponent(node.label)}`
      : node.kind === 'table'
        ? `#tables/${encodeURIComponent(node.label)}`
        : undefined;
  const description = `${humanName(node.kind)} ${node.label}: ${lines.join(', ') || 'no counts'}`;
  const box = (
    <g
      class={`node node-${node.kind}`}
      data-testid="overview-node"
      data-kind={node.kind}
      data-label={node.label}
    >
      <title>{description}</title>
      <clipPath id={clipId}>
        <rect x={x} y={y} width={width - padding / 2} height={height} />
      </clipPath>
      <rect x={x} y={y} width={width} height={height} rx={6} />
      <g clip-path={`url(#${clipId})`}>
        <text x={x + padding} y={y + 16} class="node-kind">
          {humanName(node.kind)}
        </text>
        <text class="node-label" data-shortened={label.shortened ? 'true' : undefined}>
          {label.lines.map((line, index) => (
            <tspan key={index} x={x + padding} y={y + 32 + index * labelLineHeight}>
              {line}
            </tspan>
          ))}
        </text>
        {lines.slice(0, MAX_COUNT_LINES).map((line, index) => (
          <text key={line} x={x + padding} y={countsTop + index * 13} class="node-counts">
            {clip(line, 26)}
          </text>
        ))}
      </g>
    </g>
  );
  return href ? (
    <a href={href} aria-label={description}>
      {box}
    </a>
  ) : (
    box
  );
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
