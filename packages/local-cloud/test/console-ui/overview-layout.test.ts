import type { DiagramNode } from '../../src/console/console-contract';
import { countLines, layoutOverview, OVERVIEW_SIZES, shortLabel } from '../../src/console/ui/overview-layout';

function node(id: string, kind: DiagramNode['kind']): DiagramNode {
  return { id, kind, label: id, counts: {} };
}

describe('layoutOverview', () => {
  const layout = layoutOverview({
    nodes: [node('Table', 'table'), node('Orders', 'queue'), node('Dlq', 'queue'), node('Fn', 'function')],
    edges: [
      { from: 'Orders', to: 'Fn', kind: 'polls' },
      { from: 'Orders', to: 'Dlq', kind: 'dead-letter' },
      { from: 'Fn', to: 'Missing', kind: 'notifies' },
    ],
  });

  test('columns by kind in flow order, leaving out kinds the stack lacks', () => {
    const column = OVERVIEW_SIZES.nodeWidth + OVERVIEW_SIZES.columnGap;

    expect(layout.columns.map((one) => one.kind)).toStrictEqual(['queue', 'function', 'table']);
    expect(
      layout.nodes.map((placed) => [placed.node.id, (placed.x - OVERVIEW_SIZES.left) / column]),
    ).toStrictEqual([
      ['Orders', 0],
      ['Dlq', 0],
      ['Fn', 1],
      ['Table', 2],
    ]);
  });

  test('a dead-letter edge within a column bends out on the left; an edge to a missing node is left out', () => {
    const deadLetter = layout.edges.find((placed) => placed.edge.kind === 'dead-letter');

    expect(layout.edges).toHaveLength(2);
    const left = OVERVIEW_SIZES.left;

    expect(deadLetter?.path.startsWith(`M${left},`)).toBe(true);
    expect(Number(deadLetter?.path.split(' ')[1].split(',')[0].slice(1))).toBeLessThan(left);
  });

  test('counts read as words, one a line', () => {
    expect(countLines({ visible: 1200, inFlight: 3 })).toStrictEqual(['visible 1,200', 'in flight 3']);
  });

  test("a label loses its stack's prefix, unless that is all there is", () => {
    expect(shortLabel('OrderPipeline-QueuesOrders', ['OrderPipeline'])).toBe('QueuesOrders');
    expect(shortLabel('OrderPipeline-', ['OrderPipeline'])).toBe('OrderPipeline-');
    expect(shortLabel('orders', ['OrderPipeline'])).toBe('orders');
  });
});
