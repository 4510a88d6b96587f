import type { ConsoleOverview, DiagramNode, QueueDepthView } from '../console-contract';
import { DiagramBox } from './diagram-box';
import { layoutOverview } from './overview-layout';

interface StackDiagramProps {
  readonly overview: ConsoleOverview;
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

/** The stack in columns of boxes with their live counts, and its edges; dead-letter edges dashed. */
export function StackDiagram({ overview, depths, running }: StackDiagramProps) {
  const layout = layoutOverview(overview);
  return (
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
        />
      ))}
    </svg>
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
