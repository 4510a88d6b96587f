import type { LocalAlarmDefinition, MetricDimension, MetricIdentity } from '../assembly/alarm-definitions';
import type { LocalStackDefinition } from '../assembly/local-stack';
import type { Clock, TimerHandle } from '../clock';
import type { LogsService } from '../logs';
import type { SqsServer } from '../sqs';
import { type AlarmStateValue, evaluateAlarm } from './alarm-evaluation';
import { type DescribeAlarmsFilter, matchesAlarmFilter } from './alarm-filter';
import { type AlarmNotification, actionsFor, alarmNotification } from './alarm-notification';
import { alarmPeriodValues } from './alarm-periods';
import type { AlarmStateChange } from './alarm-state-change';
import { parseEmbeddedMetrics } from './embedded-metric-format';
import { CloudWatchError } from './errors';
import {
  type MetricStatisticsDatapoint,
  type MetricStatisticsRequest,
  metricStatistics,
} from './metric-statistics';
import { MetricStore, type MetricStoreOptions } from './metric-store';
import { SqsMetricsSampler } from './sqs-metrics';

/** Options of {@link CloudWatchService.start}. */
export interface CloudWatchServiceOptions {
  /** The alarms to evaluate, the queues to sample, and the account and region of ARNs. */
  readonly stack: Pick<LocalStackDefinition, 'alarms' | 'queues' | 'environment'>;
  /** Every log event is read for embedded metrics (EMF). */
  readonly logs: Pick<LogsService, 'subscribe'>;
  /** The SQS endpoint whose queues give the `AWS/SQS` metrics. @default - no SQS metrics */
  readonly sqs?: Pick<SqsServer, 'model'>;
  /** The local cloud's clock: periods and evaluations run in cloud time. */
  readonly clock: Clock;
  /** Told about every alarm state change, after the state and notifications are recorded. */
  readonly onAlarmStateChange?: (change: AlarmStateChange) => void;
  /** Told about EMF documents CloudWatch would (partly) refuse, and about a failing listener. */
  readonly onProblem?: (message: string) => void;
  /** Publishes each notification to its action's topic, as CloudWatch does; it is recorded either way. */
  readonly onNotification?: (notification: AlarmNotification) => void;
  readonly metricStore?: MetricStoreOptions;
}

/** An alarm's state, as DescribeAlarms tells it. */
export interface AlarmStatus {
  readonly alarm: LocalAlarmDefinition;
  readonly stateValue: AlarmStateValue;
  readonly stateReason: string;
  readonly stateReasonData?: string;
  /** Epoch ms of the last change of state. */
  readonly stateUpdatedTimestamp: number;
  /** Epoch ms at which the alarm was created (the service started). */
  readonly configurationUpdatedTimestamp: number;
}

/** SQS reports its metrics to CloudWatch once a minute; evaluations need at least this often. */
const SAMPLE_INTERVAL_MS = 60_000;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** A mutable alarm status. */
type AlarmRecord = { -readonly [K in keyof AlarmStatus]: AlarmStatus[K] };

/**
 * The local CloudWatch: metrics from the embedded metric format in every log event and from the
 * local SQS queues, and the stack's alarms evaluated on them at the end of every period, in cloud
 * time. A state change is recorded (DescribeAlarms shows it), published to the alarm's topics as a
 * notification (kept in {@link notifications}, and handed to `onNotification`, which the cloud
 * publishes through its local SNS) and told to
 * `onAlarmStateChange`.
 *
 * An EMF datapoint takes the time of its log event, which the local Logs service stamps in cloud
 * time, not the `_aws.Timestamp` the function wrote: functions read the wall clock, which a time
 * scale leaves behind. Alarm states live in memory: a restart starts them over at INSUFFICIENT_DATA.
 *
 * @example
 * const cloudWatch = CloudWatchService.start({
 *   stack: cloud.stack, logs: cloud.logs, sqs: cloud.sqs, clock,
 *   onAlarmStateChange: (change) => console.log(alarmStateChangeLine(change)),
 * });
 * // …
 * cloudWatch.stop();
 */
export class CloudWatchService {
  /** Every notification published to an alarm action's topic, oldest first. */
  public readonly notifications: AlarmNotification[] = [];
  /** The datapoints of every metric: from EMF log events, the SQS sampler and PutMetricData. */
  public readonly metrics: MetricStore;
  private readonly alarms: AlarmRecord[];
  private readonly sampler?: SqsMetricsSampler;
  private readonly intervalMs: number;
  private readonly unsubscribe: () => void;
  private timer?: TimerHandle;
  private evaluationWaiters: (() => void)[] = [];
  private nextBoundary: number;
  private stopped = false;

  private constructor(private readonly options: CloudWatchServiceOptions) {
    const { stack, clock } = options;
    const now = clock.now();
    this.metrics = new MetricStore(options.metricStore);
    this.alarms = stack.alarms.map((alarm) => ({
      alarm,
      stateValue: 'INSUFFICIENT_DATA',
      stateReason: 'Unchecked: Initial alarm creation',
      stateUpdatedTimestamp: now,
      configurationUpdatedTimestamp: now,
    }));
    this.sampler =
      options.sqs === undefined ? undefined : new SqsMetricsSampler(options.sqs.model, stack.queues);
    this.intervalMs = Math.min(
      SAMPLE_INTERVAL_MS,
      ...stack.alarms.map((alarm) => alarm.periodSeconds * 1000),
    );
    this.nextBoundary = (Math.floor(now / this.intervalMs) + 1) * this.intervalMs;
    this.unsubscribe = options.logs.subscribe((_group, _stream, event) => {
      const document = parseEmbeddedMetrics(event.message);
      if (document === undefined) return;
      for (const problem of document.problems) this.problem(`embedded metric format: ${problem}`);
      for (const { metric, values, unit } of document.metrics) {
        this.metrics.put(metric, event.timestamp, values, unit);
      }
    });
  }

  /** Starts reading metrics and evaluating the stack's alarms at every period's end. */
  static start(options: CloudWatchServiceOptions): CloudWatchService {
    const service = new CloudWatchService(options);
    service.schedule();
    return service;
  }

  /** The alarms that match every given filter, in the template's order. */
  describeAlarms(filter: DescribeAlarmsFilter = {}): AlarmStatus[] {
    return this.alarms
      .filter(({ alarm, stateValue }) => matchesAlarmFilter(alarm, stateValue, filter))
      .map((record) => ({ ...record }));
  }

  /**
   * Sets an alarm's state by hand, as SetAlarmState does for testing actions: the change is
   * notified, and the next evaluation sets the state the data calls for.
   */
  setAlarmState(
    alarmName: string,
    stateValue: AlarmStateValue,
    stateReason: string,
    stateReasonData?: string,
  ): void {
    const record = this.alarms.find(({ alarm }) => alarm.alarmName === alarmName);
    if (record === undefined) throw new CloudWatchError('ResourceNotFound', `Alarm ${alarmName} not found`);
    this.changeState(record, stateValue, stateReason, stateReasonData, [], 0);
  }

  /** Adds datapoints of a metric, as PutMetricData does. */
  putMetricData(
    metric: MetricIdentity,
    values: readonly number[],
    timestamp = this.options.clock.now(),
    unit?: string,
  ): void {
    this.metrics.put(metric, timestamp, values, unit);
  }

  /** The statistics of a metric per period, as GetMetricStatistics gives them (periods without data left out). */
  getMetricStatistics(request: MetricStatisticsRequest): MetricStatisticsDatapoint[] {
    return metricStatistics(this.metrics, request);
  }

  /** The metrics with datapoints, filtered as ListMetrics filters them. */
  listMetrics(
    filter: {
      namespace?: string;
      metricName?: string;
      dimensions?: readonly { name: string; value?: string }[];
    } = {},
  ): MetricIdentity[] {
    return this.metrics
      .metrics()
      .filter(
        (metric) =>
          (filter.namespace === undefined || metric.namespace === filter.namespace) &&
          (filter.metricName === undefined || metric.metricName === filter.metricName) &&
          (filter.dimensions ?? []).every((wanted) =>
            metric.dimensions.some(
              (dimension: MetricDimension) =>
                dimension.name === wanted.name &&
                (wanted.value === undefined || dimension.value === wanted.value),
            ),
          ),
      );
  }

  /**
   * Resolves once the next evaluation has run (at once when stopped): a run that ends right after
   * the pipeline settles can wait for it, so an alarm its last orders set off still prints. With a
   * time scale it takes at most a minute of cloud time.
   */
  nextEvaluation(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => this.evaluationWaiters.push(resolve));
  }

  /** Stops evaluating and reading log events. */
  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.unsubscribe();
    this.releaseEvaluationWaiters();
  }

  private releaseEvaluationWaiters(): void {
    const waiters = this.evaluationWaiters;
    this.evaluationWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.options.clock.setTimer(() => this.tick(), this.nextBoundary - this.options.clock.now());
  }

  /**
   * Runs at a boundary of the evaluation interval: samples the queues (a sample closes the minute
   * before it, as SQS's one-minute datapoints do), then evaluates each alarm whose period ends here.
   * A clock that jumped several boundaries evaluates only the latest, as CloudWatch does not look back.
   */
  private tick(): void {
    if (this.stopped) return;
    const now = this.options.clock.now();
    const boundary = Math.max(this.nextBoundary, Math.floor(now / this.intervalMs) * this.intervalMs);
    this.nextBoundary = boundary + this.intervalMs;
    // A timer callback must not throw: one failing sample or alarm is told and the rest go on.
    try {
      for (const sample of this.sampler?.sample(now) ?? []) {
        this.metrics.put(sample.metric, boundary - 1, [sample.value], sample.unit);
      }
    } catch (error) {
      this.problem(`sampling the SQS metrics failed: ${messageOf(error)}`);
    }
    for (const record of this.alarms) {
      if (boundary % (record.alarm.periodSeconds * 1000) !== 0) continue;
      try {
        this.evaluate(record, boundary);
      } catch (error) {
        this.problem(`evaluating ${record.alarm.alarmName} failed: ${messageOf(error)}`);
      }
    }
    this.releaseEvaluationWaiters();
    this.schedule();
  }

  private evaluate(record: AlarmRecord, periodsEnd: number): void {
    const { alarm } = record;
    const periods = alarmPeriodValues(this.metrics, alarm, periodsEnd);
    const evaluation = evaluateAlarm(alarm, periods, record.stateValue, periodsEnd);
    if (evaluation.state === record.stateValue) return;
    const missing = periods.length - evaluation.values.length;
    this.changeState(
      record,
      evaluation.state,
      evaluation.reason,
      evaluation.reasonData,
      evaluation.values,
      missing,
    );
  }

  private changeState(
    record: AlarmRecord,
    newState: AlarmStateValue,
    reason: string,
    reasonData: string | undefined,
    values: readonly number[],
    missingPeriods: number,
  ): void {
    const oldState = record.stateValue;
    const timestamp = this.options.clock.now();
    Object.assign(record, {
      stateValue: newState,
      stateReason: reason,
      stateReasonData: reasonData,
      stateUpdatedTimestamp: timestamp,
    });
    const change: AlarmStateChange = {
      alarm: record.alarm,
      oldState,
      newState,
      reason,
      timestamp,
      values,
      missingPeriods,
    };
    const { accountId, region } = this.options.stack.environment;
    for (const topicArn of actionsFor(record.alarm, newState)) {
      const notification = alarmNotification(record.alarm, change, topicArn, { accountId, region });
      this.notifications.push(notification);
      try {
        this.options.onNotification?.(notification);
      } catch (error) {
        this.problem(`the notification to ${topicArn} was not published: ${messageOf(error)}`);
      }
    }
    try {
      this.options.onAlarmStateChange?.(change);
    } catch (error) {
      this.problem(`onAlarmStateChange failed: ${messageOf(error)}`);
    }
  }

  private problem(message: string): void {
    this.options.onProblem?.(message);
  }
}
