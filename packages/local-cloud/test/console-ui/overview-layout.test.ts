import type { DiagramNode } from '../../src/console/console-contract';
import { countLines, layoutOverview, OVERVIEW_SIZES } from '../../src/console/ui/overview-layout';

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
    expect(deadLetter?.path).toMatch(/^M50,\d+ C\d+/);
    expect(Number(deadLetter?.path.split(' ')[1].split(',')[0].slice(1))).toBeLessThan(50);
  });

  test('counts read as words, two to a line', () => {
    expect(countLines({ visible: 1200, inFlight: 3, delayed: 0 })).toStrictEqual([
      'visible 1,200 · in flight 3',
      'delayed 0',
    ]);
  });
});
