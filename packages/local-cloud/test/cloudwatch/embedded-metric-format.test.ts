import { parseEmbeddedMetrics } from '../../src/cloudwatch';
import { emfLine } from './alarm-factory';

describe('parseEmbeddedMetrics', () => {
  test("reads Powertools' document: namespace, dimension values from the root, the value and unit", () => {
    expect(parseEmbeddedMetrics(emfLine())).toStrictEqual({
      timestamp: 1_764_480_000_000,
      problems: [],
      metrics: [
        {
          metric: {
            namespace: 'OrderPipeline',
            metricName: 'DeadLetteredOrders',
            dimensions: [{ name: 'service', value: 'failed-orders' }],
          },
          values: [1],
          unit: 'Count',
          storageResolution: 60,
        },
      ],
    });
  });

  test('an array of values gives one datapoint per value', () => {
    expect(parseEmbeddedMetrics(emfLine({ DeadLetteredOrders: [1, 1, 1] }))?.metrics[0].values).toStrictEqual(
      [1, 1, 1],
    );
  });

  test('each dimension set makes its own metric, and an empty set one without dimensions', () => {
    const document = parseEmbeddedMetrics(
      emfLine({ stage: 'local' }, { Dimensions: [['service'], ['service', 'stage'], []] }),
    );

    expect(document?.metrics.map((item) => item.metric.dimensions)).toStrictEqual([
      [{ name: 'service', value: 'failed-orders' }],
      [
        { name: 'service', value: 'failed-orders' },
        { name: 'stage', value: 'local' },
      ],
      [],
    ]);
  });

  test('plain text, JSON logs without _aws, and Lambda-prefixed EMF are not metrics', () => {
    expect(parseEmbeddedMetrics('START RequestId: 1 Version: $LATEST')).toBeUndefined();
    expect(parseEmbeddedMetrics('{"level":"INFO","message":"recorded"}')).toBeUndefined();
    expect(parseEmbeddedMetrics(`2026-11-30T05:48:00.000Z\tid\tINFO\t${emfLine()}`)).toBeUndefined();
  });

  test('a metric without a numeric value, or a dimension that is missing, is reported and skipped', () => {
    const document = parseEmbeddedMetrics(
      emfLine(
        { DeadLetteredOrders: 'one', Other: 2 },
        {
          Dimensions: [['service'], ['region']],
          Metrics: [{ Name: 'DeadLetteredOrders' }, { Name: 'Other', StorageResolution: 1 }],
        },
      ),
    );

    expect(document?.metrics).toStrictEqual([
      {
        metric: {
          namespace: 'OrderPipeline',
          metricName: 'Other',
          dimensions: [{ name: 'service', value: 'failed-orders' }],
        },
        values: [2],
        unit: undefined,
        storageResolution: 1,
      },
    ]);
    expect(document?.problems).toStrictEqual([
      '_aws.CloudWatchMetrics[0].Dimensions[1] names a member that is missing or not a string',
      '_aws.CloudWatchMetrics[0]: metric "DeadLetteredOrders" has no number or array of numbers at the root',
    ]);
  });

  test('a document without a Timestamp or a directive without a Namespace is reported', () => {
    const line = JSON.stringify({ _aws: { CloudWatchMetrics: [{ Metrics: [] }] } });

    expect(parseEmbeddedMetrics(line)?.problems).toStrictEqual([
      '_aws.Timestamp must be a number of epoch milliseconds',
      '_aws.CloudWatchMetrics[0] needs a Namespace',
    ]);
  });
});
