import { countLines, humanName, MAX_COUNT_LINES, type PlacedNode, shortLabel } from './overview-layout';

interface DiagramBoxProps {
  readonly placed: PlacedNode;
  /** The id of the box's clip path, unique in the page: long names stop at its edge. */
  readonly clipId: string;
  readonly counts: Readonly<Record<string, number>>;
  readonly stackNames: readonly string[];
}

/** A node of the diagram: its kind, name and counts, a link to its view for queues and tables. */
export function DiagramBox({ placed, clipId, counts, stackNames }: DiagramBoxProps) {
  const { node, x, y, width, height } = placed;
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
        <rect x={x} y={y} width={width - 6} height={height} />
      </clipPath>
      <rect x={x} y={y} width={width} height={height} rx={6} />
      <g clip-path={`url(#${clipId})`}>
        <text x={x + 8} y={y + 16} class="node-kind">
          {humanName(node.kind)}
        </text>
        <text x={x + 8} y={y + 32} class="node-label">
          {clip(shortLabel(node.label, stackNames), 26)}
        </text>
        {lines.slice(0, MAX_COUNT_LINES).map((line, index) => (
          <text key={line} x={x + 8} y={y + 49 + index * 13} class="node-counts">
            {clip(line, 32)}
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
