import { ManualClock } from '../../src/clock';
import { ActivityRecorder, type ActivityRecorderOptions } from '../../src/console/activity-recorder';
import type { BatchSettlement } from '../../src/event-source-mapping/poller-types';
import { endLine, initStartLine, reportLine, startLine } from '../../src/lambda/platform-lines';
import { LogsService } from '../../src/logs/logs-service';
import { SqsModel } from '../../src/sqs/queue-model';

export const LOG_GROUP = '/aws/lambda/Stack-Consumer';
export const FUNCTION_NAME = 'Stack-Consumer';
export const SOURCE_QUEUE = 'Stack-Inbox';
export const DEAD_LETTER_QUEUE = 'Stack-InboxDlq';
export const MAPPING = 'ConsumerMapping';
const ENDPOINT = 'http://127.0.0.1:9324';
const ARN_PREFIX = 'arn:aws:sqs:us-east-1:000000000000:';

/** A recorder on a real, in-memory Logs service and SQS model, driven by a manual clock. */
export interface RecorderWorld {
  readonly clock: ManualClock;
  readonly logs: LogsService;
  readonly sqs: SqsModel;
  readonly recorder: ActivityRecorder;
  readonly sourceUrl: string;
  readonly deadLetterUrl: string;
  /** Writes lines to a lane (log stream) of the consumer, each after `stepMs` of cloud time. */
  write(stream: string, lines: readonly string[], stepMs?: number): void;
  /** One whole invocation in a lane: START, a line, END and REPORT. */
  invoke(
    stream: string,
    requestId: string,
    options?: { initStart?: boolean; status?: 'timeout' | 'error' },
  ): void;
  close(): void;
}

/** A settled batch of the consumer's mapping. */
export function settlement(
  requestId: string,
  records: BatchSettlement['records'],
  failed: string[] = [],
): BatchSettlement {
  return {
    mapping: MAPPING,
    lane: 1,
    requestId,
    records,
    batchItemFailureIds: failed,
    deleted: records.length - failed.length,
    ...(failed.length > 0 ? { leftOnQueue: `${failed.length} batch item failure(s) reported` } : {}),
  };
}

export function recorderWorld(options: Partial<ActivityRecorderOptions> = {}): RecorderWorld {
  const clock = new ManualClock();
  const logs = new LogsService({ clock });
  logs.createLogGroup(LOG_GROUP);
  const sqs = new SqsModel({ clock, endpoint: ENDPOINT });
  const deadLetterUrl = sqs.createQueue({ QueueName: DEAD_LETTER_QUEUE }).QueueUrl;
  const sourceUrl = sqs.createQueue({
    QueueName: SOURCE_QUEUE,
    Attributes: {
      VisibilityTimeout: '30',
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: `${ARN_PREFIX}${DEAD_LETTER_QUEUE}`,
        maxReceiveCount: 2,
      }),
    },
  }).QueueUrl;
  const recorder = new ActivityRecorder({
    clock,
    stack: {
      functions: [{ functionName: FUNCTION_NAME, logGroupName: LOG_GROUP }],
      queues: [{ queueName: SOURCE_QUEUE, queueArn: `${ARN_PREFIX}${SOURCE_QUEUE}` }],
      eventSourceMappings: [{ logicalId: MAPPING, eventSourceArn: `${ARN_PREFIX}${SOURCE_QUEUE}` }],
    } as unknown as ActivityRecorderOptions['stack'],
    ...options,
  });
  recorder.attach({ logs, sqs });
  const write = (stream: string, lines: readonly string[], stepMs = 10) => {
    for (const line of lines) {
      clock.advance(stepMs);
      logs.putLogEvents(LOG_GROUP, stream, [line]);
    }
  };
  const streams = new Set<string>();
  return {
    clock,
    logs,
    sqs,
    recorder,
    sourceUrl,
    deadLetterUrl,
    write: (stream, lines, stepMs) => {
      if (!streams.has(stream)) logs.createLogStream(LOG_GROUP, stream);
      streams.add(stream);
      write(stream, lines, stepMs);
    },
    invoke(stream, requestId, { initStart = false, status } = {}) {
      this.write(stream, [
        ...(initStart ? [initStartLine('nodejs:22', 'local:nodejs22.x')] : []),
        startLine(requestId),
        `2026-01-01T00:00:00.000Z\t${requestId}\tINFO\tworking`,
        endLine(requestId),
        reportLine({
          requestId,
          durationMs: 10,
          billedDurationMs: 10,
          memorySizeMb: 128,
          maxMemoryUsedMb: 60,
          ...(initStart ? { initDurationMs: 10 } : {}),
          ...(status === undefined ? {} : { status }),
        }),
      ]);
    },
    close: () => {
      recorder.close();
      sqs.close();
    },
  };
}
