import type { ConsoleOverview, DiagramNode, QueueDepthView } from '../console-contract';
import { ErrorMessage } from './messages';
import {
  countLines,
  humanName,
  layoutOverview,
  MAX_COUNT_LINES,
  type PlacedNode,
  shortLabel,
} from './overview-layout';
import { useApi } from './use-api';

interface OverviewViewProps {
  /** Live depths by queue name, newer than the overview's own counts. */
  readonly depths: Readonly<Record<string, QueueDepthView>>;
  /** Invocations running now, by function name. */
  readonly running: ReadonlyMap<string, number>;
}

const KIND_NAMES: Readonly<Record<DiagramNode['kind'], string>> = {
  queue: 'Queues',
  mapping: 'Event source mappings',
  function: 'Functions',
  table: 'Tables',
  topic: 'Topics',
  alarm: 'Alarms',
};

/** The stack as a diagram: queues, mappings, functions, tables and topics, with live counts. */
export function OverviewView({ depths, running }: OverviewViewProps) {
  const { data, error } = useApi<ConsoleOverview>('overview');
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <p>Loading…</p>;
  const layout = layoutOverview(data);
  return (
    <section aria-labelledby="overview-heading">
      <h2 id="overview-heading">Overview</h2>
      <p class="muted">
        {data.stackNames.join(', ')} at <code>{data.endpoint}</code>. Dead-letter edges are dashed.
      </p>
      {data.warnings.length > 0 && (
        <ul class="warnings">
          {data.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      <div class="diagram-scroll">
        <svg
          class="diagram"
          width={layout.width}
          height={layout.height}
          style={{ maxWidth: '100%', height: 'auto' }}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          aria-label="Stack diagram"
          data-testid="overview-diagram"
        >
          <defs>
            <marker
              id="arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto"
            >
              <path d="M0,0 L10,5 L0,10 z" class="arrow-head" />
            </marker>
          </defs>
          {layout.columns.map((column) => (
            <text key={column.kind} x={column.x} y={18} class="column-heading">
              {KIND_NAMES[column.kind]}
            </text>
          ))}
          {layout.edges.map(({ edge, path }) => (
            <path
              key={`${edge.from}-${edge.to}-${edge.kind}`}
              d={path}
              class={`edge edge-${edge.kind}`}
              marker-end="url(#arrow)"
            >
              <title>{`${edge.from} ${edge.kind} ${edge.to}`}</title>
            </path>
          ))}
          {layout.nodes.map((placed, index) => (
            <DiagramBox
              key={placed.node.id}
              clipId={`node-clip-${index}`}
              placed={placed}
              counts={liveCounts(placed.node, depths, running)}
              stackNames={data.stackNames}
            />
          ))}
        </svg>
      </div>
    </section>
  );
}

function liveCounts(
  node: DiagramNode,
  depths: Readonly<Record<string, QueueDepthView>>,
  running: ReadonlyMap<string, number>,
): Readonly<Record<string, number>> {
  if (node.kind === 'queue' && depths[node.label]) return { ...node.counts, ...depths[node.label] };
  if (node.kind === 'function' && running.has(node.label))
    return { ...node.counts, busy: running.get(node.label) ?? 0 };
  return node.counts;
}

interface DiagramBoxProps {
  readonly placed: PlacedNode;
  /** The id of the box's clip path, unique in the page: long names stop at its edge. */
  readonly clipId: string;
  readonly counts: Readonly<Record<string, number>>;
  readonly stackNames: readonly string[];
}

function DiagramBox({ placed, clipId, counts, stackNames }: DiagramBoxProps) {
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
