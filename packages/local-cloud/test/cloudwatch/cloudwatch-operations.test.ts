import { ManualClock } from '../../src/clock';
import { CloudWatchError, CloudWatchOperations, CloudWatchService } from '../../src/cloudwatch';
import { LogsService } from '../../src/logs';
import { AwsError } from '../../src/protocol';
import { TEST_ENVIRONMENT } from '../assembly/template-factory';
import { alarmFactory } from './alarm-factory';

const START = Date.UTC(2026, 10, 30, 5, 47);
const ALARM = alarmFactory();

describe('CloudWatchOperations', () => {
  let service: CloudWatchService;
  let operations: CloudWatchOperations;

  beforeEach(() => {
    const clock = new ManualClock(START);
    service = CloudWatchService.start({
      stack: { alarms: [ALARM], queues: [], environment: TEST_ENVIRONMENT },
      logs: new LogsService({ clock }),
      clock,
    });
    operations = new CloudWatchOperations(service);
  });

  afterEach(() => service.stop());

  test('describeAlarms gives the alarm as a MetricAlarm, its times as Dates', () => {
    const { MetricAlarms } = operations.describeAlarms({ AlarmNames: [ALARM.alarmName] });

    expect(MetricAlarms).toHaveLength(1);
    expect(MetricAlarms?.[0]).toMatchObject({
      AlarmName: ALARM.alarmName,
      StateValue: 'INSUFFICIENT_DATA',
      StateUpdatedTimestamp: new Date(START),
      Dimensions: [{ Name: 'service', Value: 'failed-orders' }],
    });
  });

  test('describeAlarms refuses names with a prefix, and an unknown state, as CloudWatch errors', () => {
    const combined = () => operations.describeAlarms({ AlarmNames: ['a'], AlarmNamePrefix: 'a' });

    expect(combined).toThrow(CloudWatchError);
    expect(combined).toThrow(
      expect.objectContaining({ code: 'InvalidParameterCombination', httpStatus: 400 }),
    );
    expect(() => operations.describeAlarms({ StateValue: 'RED' })).toThrow(
      'The parameter StateValue must be one of OK, ALARM, INSUFFICIENT_DATA (given RED).',
    );
  });

  test('putMetricData reads Values with Counts, as strings (Query) or numbers (JSON) alike', () => {
    const metric = { Namespace: 'App', MetricName: 'Latency' };
    operations.putMetricData({
      Namespace: 'App',
      MetricData: [
        { MetricName: 'Latency', Values: ['1', '3'], Counts: ['2', '1'], Timestamp: START / 1000 },
      ],
    });
    operations.putMetricData({ Namespace: 'App', MetricData: [{ MetricName: 'Latency', Value: 5 }] });

    const { Datapoints } = operations.getMetricStatistics({
      ...metric,
      StartTime: new Date(START),
      EndTime: new Date(START + 60_000),
      Period: 60,
      Statistics: ['SampleCount', 'Sum'],
    });

    expect(Datapoints).toStrictEqual([{ Timestamp: new Date(START), SampleCount: 4, Sum: 10, Unit: 'None' }]);
  });

  test.each([
    [
      { MetricData: [{ MetricName: 'm', Value: 1 }] },
      'MissingParameter',
      'The parameter Namespace is required.',
    ],
    [
      { Namespace: 'n', MetricData: [{ MetricName: 'm' }] },
      'InvalidParameterValue',
      'MetricData.member.1 needs a finite Value or Values.',
    ],
    [
      { Namespace: 'n', MetricData: 'm' },
      'InvalidParameterValue',
      'The parameter MetricData must be a list.',
    ],
  ])('putMetricData(%j) fails with %s', (request, code, message) => {
    const put = () => operations.putMetricData(request);

    expect(put).toThrow(AwsError);
    expect(put).toThrow(expect.objectContaining({ code, message }));
  });
});
