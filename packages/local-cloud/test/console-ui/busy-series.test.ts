import { busySeries, maxBusyByFunction } from '../../src/console/ui/busy-series';
import { invocationFactory, mappingCapFactory } from './invocation-factory';

const cap = mappingCapFactory();

describe('busySeries', () => {
  test('counts the mapping invocations running at once as steps', () => {
    const [series] = busySeries(
      [
        invocationFactory({ startMs: 0, endMs: 100 }),
        invocationFactory({ startMs: 50, endMs: 150, logStreamName: 'b' }),
        invocationFactory({ startMs: 120, endMs: 130, mapping: 'Other' }),
      ],
      [cap],
      1000,
    );

    expect(series).toStrictEqual({
      mapping: 'ProcessOrdersMapping',
      functionName: 'ProcessOrders',
      cap: 2,
      times: [0, 50, 100, 150],
      busy: [1, 2, 1, 0],
      maxBusy: 2,
    });
  });

  test('an END and a START at the same ms free the slot before taking it', () => {
    const [series] = busySeries(
      [
        invocationFactory({ startMs: 0, endMs: 100 }),
        invocationFactory({ startMs: 0, endMs: 100, logStreamName: 'b' }),
        invocationFactory({ startMs: 100, endMs: 200 }),
      ],
      [cap],
      1000,
    );

    expect(series.maxBusy).toBe(2);
    expect(series.busy).toStrictEqual([2, 1, 0]);
  });

  test('a running invocation counts until now, and the max is kept per function', () => {
    const series = busySeries(
      [invocationFactory({ startMs: 0, endMs: undefined, outcome: 'running' })],
      [cap],
      500,
    );

    expect(series[0].times).toStrictEqual([0, 500]);
    expect(maxBusyByFunction(series)).toStrictEqual(new Map([['ProcessOrders', 1]]));
  });
});
