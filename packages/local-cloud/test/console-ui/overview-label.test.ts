import type { DiagramNode } from '../../src/console/console-contract';
import { labelWidth, wrapLabel } from '../../src/console/ui/overview-label';
import { layoutOverview, MAX_LABEL_LINES, OVERVIEW_SIZES } from '../../src/console/ui/overview-layout';

/** The order pipeline's names, as the overview of `npm start` shows them. */
const PIPELINE_NAMES: readonly [DiagramNode['kind'], string][] = [
  ['queue', 'OrderPipeline-QueuesDeadLetterQueue82AA3FB7'],
  ['queue', 'OrderPipeline-QueuesFailedInvocationsQueueAD695716'],
  ['queue', 'OrderPipeline-QueuesOrdersQueue1A584920'],
  ['mapping', 'ProcessOrdersSqsEventSourceOrderPipelineQueuesOrdersQueue6005536C3CBDEC1'],
  ['mapping', 'FailedOrdersSqsEventSourceOrderPipelineQueuesDeadLetterQueueA02861DD953B9D60'],
  ['function', 'OrderPipeline-GenerateOrders9F60A001'],
  ['function', 'OrderPipeline-ProcessOrders62B11DFA'],
  ['table', 'OrderPipeline-TablesRejectedOrdersTableB09DC05C'],
  ['topic', 'OrderPipeline-AlarmsAlarmTopic58991614'],
  ['alarm', 'OrderPipeline-AlarmsDeadLetteredOrdersAlarmA4561B58'],
];

/** The overview's width in a 1280 px window: the page's margins and the diagram's border taken off. */
const OVERVIEW_WIDTH_AT_1280_PX = 1246;

const TEXT_WIDTH = OVERVIEW_SIZES.nodeWidth - 2 * OVERVIEW_SIZES.padding;

function pipelineLayout() {
  return layoutOverview({
    stackNames: ['OrderPipeline'],
    nodes: PIPELINE_NAMES.map(([kind, label], index) => ({ id: `N${index}`, kind, label, counts: {} })),
    edges: [],
  });
}

describe("the overview's names", () => {
  test('six columns fit a 1280 px window without being scaled down', () => {
    expect(pipelineLayout().columns).toHaveLength(6);
    expect(pipelineLayout().width).toBeLessThanOrEqual(OVERVIEW_WIDTH_AT_1280_PX);
  });

  test("every name of the pipeline is shown whole (without its stack's prefix) but the two mappings'", () => {
    const layout = pipelineLayout();

    for (const placed of layout.nodes) {
      expect(placed.label.lines.length).toBeLessThanOrEqual(MAX_LABEL_LINES);
      for (const line of placed.label.lines) expect(labelWidth(line)).toBeLessThanOrEqual(TEXT_WIDTH);
      if (placed.node.kind !== 'mapping') {
        expect(placed.label.shortened).toBe(false);
        expect(placed.label.lines.join('')).toBe(placed.node.label.replace(/^OrderPipeline-/, ''));
      }
    }
  });

  test('a name too long for three lines keeps its beginning and, after …, as much of its distinctive end as fits', () => {
    const name = 'FailedOrdersSqsEventSourceOrderPipelineQueuesDeadLetterQueueA02861DD953B9D60';

    const { lines, shortened } = wrapLabel(name, TEXT_WIDTH, MAX_LABEL_LINES);

    expect(shortened).toBe(true);
    expect(lines).toHaveLength(MAX_LABEL_LINES);
    expect(name.startsWith(lines.slice(0, -1).join(''))).toBe(true);
    expect(lines.at(-1)).toMatch(/^…\w*DD953B9D60$/);
    expect(labelWidth(lines.at(-1) ?? '')).toBeLessThanOrEqual(TEXT_WIDTH);
    expect(name.endsWith(lines.at(-1)?.slice(1) ?? '?')).toBe(true);
  });

  test('lines break between words of a PascalCase name and after dashes, keeping a hash whole', () => {
    expect(wrapLabel('QueuesOrdersQueue1A584920', 130, 3).lines).toStrictEqual([
      'QueuesOrders',
      'Queue1A584920',
    ]);
    expect(wrapLabel('orders-dead-letters', 100, 3).lines).toStrictEqual(['orders-dead-', 'letters']);
    expect(wrapLabel('Short', TEXT_WIDTH, 3)).toStrictEqual({ lines: ['Short'], shortened: false });
  });

  test('a word wider than a line is cut where the line ends', () => {
    const { lines } = wrapLabel('A'.repeat(40), 100, 3);

    expect(lines.slice(0, 2).join('')).toBe('A'.repeat(lines[0].length * 2));
    for (const line of lines) expect(labelWidth(line)).toBeLessThanOrEqual(100);
  });

  test('a box grows with the lines of its name, and the boxes of a column do not overlap', () => {
    const layout = pipelineLayout();
    const queues = layout.nodes.filter((placed) => placed.node.kind === 'queue');

    for (const placed of layout.nodes) {
      const extraLines = placed.label.lines.length - 1;
      expect(placed.height).toBe(OVERVIEW_SIZES.nodeHeight + extraLines * OVERVIEW_SIZES.labelLineHeight);
    }
    for (let index = 1; index < queues.length; index += 1) {
      const above = queues[index - 1];
      expect(queues[index].y).toBe(above.y + above.height + OVERVIEW_SIZES.rowGap);
    }
    expect(layout.height).toBeGreaterThanOrEqual(Math.max(...layout.nodes.map((one) => one.y + one.height)));
  });
});
