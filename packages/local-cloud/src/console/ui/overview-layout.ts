import type { ConsoleOverview, DiagramEdge, DiagramNode } from '../console-contract';
import { type WrappedLabel, wrapLabel } from './overview-label';

/** A node's box on the diagram, in SVG user units. */
export interface PlacedNode {
  readonly node: DiagramNode;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Its name without the stack's prefix, on as many lines as it needs (at most {@link MAX_LABEL_LINES}). */
  readonly label: WrappedLabel;
}

/** An edge as an SVG path between two placed nodes. */
export interface PlacedEdge {
  readonly edge: DiagramEdge;
  readonly path: string;
}

export interface OverviewLayout {
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
  readonly width: number;
  readonly height: number;
  /** Each column's kind and x, for its heading. */
  readonly columns: readonly { readonly kind: DiagramNode['kind']; readonly x: number }[];
}

/** The diagram's columns, left to right: messages flow from queues to the tables and topics. */
export const COLUMN_ORDER: readonly DiagramNode['kind'][] = [
  'queue',
  'mapping',
  'function',
  'table',
  'topic',
  'alarm',
];

/**
 * Box sizes and gaps, in SVG user units (CSS pixels while the diagram is not scaled down): six
 * columns fit a 1280 px wide window unscaled, so names are drawn at their font's size.
 */
export const OVERVIEW_SIZES = {
  nodeWidth: 172,
  /** A box with a one-line name; each more line of it adds `labelLineHeight`. */
  nodeHeight: 96,
  labelLineHeight: 15,
  /** Room between a box's edge and its text, on the left and on the right. */
  padding: 8,
  columnGap: 30,
  rowGap: 16,
  top: 34,
  /** Room for a dead-letter edge's arc, left of the first column. */
  left: 40,
  right: 8,
};

/** The most lines a name is wrapped onto before its middle is left out. */
export const MAX_LABEL_LINES = 3;

/**
 * Lays the stack out in columns by kind (empty kinds take no column), each column's nodes in the
 * order the overview lists them, and routes each edge: left to right between columns, as an arc on
 * the left for an edge within a column (a queue's dead-letter queue), right to left going back.
 */
export function layoutOverview(
  overview: Pick<ConsoleOverview, 'nodes' | 'edges'> & Partial<Pick<ConsoleOverview, 'stackNames'>>,
): OverviewLayout {
  const { nodeWidth, nodeHeight, labelLineHeight, padding, columnGap, rowGap, top, left, right } =
    OVERVIEW_SIZES;
  const kinds = COLUMN_ORDER.filter((kind) => overview.nodes.some((node) => node.kind === kind));
  const placed = new Map<string, PlacedNode>();
  let height = top;
  kinds.forEach((kind, column) => {
    const x = left + column * (nodeWidth + columnGap);
    let y = top;
    for (const node of overview.nodes.filter((candidate) => candidate.kind === kind)) {
      const name = shortLabel(node.label, overview.stackNames ?? []);
      const label = wrapLabel(name, nodeWidth - 2 * padding, MAX_LABEL_LINES);
      const boxHeight = nodeHeight + (label.lines.length - 1) * labelLineHeight;
      placed.set(node.id, { node, x, y, width: nodeWidth, height: boxHeight, label });
      y += boxHeight + rowGap;
      height = Math.max(height, y);
    }
  });
  const edges = overview.edges.flatMap((edge) => {
    const from = placed.get(edge.from);
    const to = placed.get(edge.to);
    return from && to ? [{ edge, path: edgePath(from, to) }] : [];
  });
  const width = left + Math.max(kinds.length, 1) * (nodeWidth + columnGap) - columnGap + right;
  const columns = kinds.map((kind, column) => ({ kind, x: left + column * (nodeWidth + columnGap) }));
  return { nodes: [...placed.values()], edges, width, height, columns };
}

function edgePath(from: PlacedNode, to: PlacedNode): string {
  const fromMiddle = from.y + from.height / 2;
  const toMiddle = to.y + to.height / 2;
  if (from.x === to.x) {
    const bend = Math.min(45, 16 + Math.abs(toMiddle - fromMiddle) / 6);
    return `M${from.x},${fromMiddle} C${from.x - bend},${fromMiddle} ${to.x - bend},${toMiddle} ${to.x},${toMiddle}`;
  }
  const forward = to.x > from.x;
  const startX = forward ? from.x + from.width : from.x;
  const endX = forward ? to.x : to.x + to.width;
  const middleX = (startX + endX) / 2;
  return `M${startX},${fromMiddle} C${middleX},${fromMiddle} ${middleX},${toMiddle} ${endX},${toMiddle}`;
}

/** The most count lines a box has room for. */
export const MAX_COUNT_LINES = 4;

/** A node's counts, one a line, e.g. `in flight 1`. */
export function countLines(counts: Readonly<Record<string, number>>): string[] {
  return Object.entries(counts).map(([name, value]) => `${humanName(name)} ${value.toLocaleString('en')}`);
}

/**
 * A physical name without its stack's prefix (`OrderPipeline-QueuesOrdersQueue1A5` reads as
 * `QueuesOrdersQueue1A5`), so more of what tells the nodes apart fits in a box.
 */
export function shortLabel(label: string, stackNames: readonly string[]): string {
  const stack = stackNames.find((name) => label.startsWith(`${name}-`) && label.length > name.length + 1);
  return stack === undefined ? label : label.slice(stack.length + 1);
}

/** `inFlight` reads as `in flight`. */
export function humanName(camelCase: string): string {
  return camelCase.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
