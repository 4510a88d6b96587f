import { join } from 'node:path';
import type { LocalStackDefinition } from '../assembly/local-stack';
import type { LocalCloudOptions } from '../cloud';
import { type CloudServices, startServices } from '../cloud-startup';
import type { EventSourceMappingService } from '../event-source-mapping/event-source-mapping-service';
import { ACTIVITY_JOURNAL_FILE } from './activity-journal';
import { ActivityRecorder } from './activity-recorder';
import type { MappingCap } from './console-contract';

/**
 * Starts the cloud's services (`startServices`) with an {@link ActivityRecorder} following them:
 * told of every settled batch and alarm change, and reading the logs and the SQS model. With a state
 * directory, the recorder keeps its activity in its `console` folder across restarts.
 */
export function startRecordedServices(
  ...[stack, sqs, sqsConnection, options, state]: Parameters<typeof startServices>
): CloudServices & { readonly activity: ActivityRecorder } {
  let mappings: EventSourceMappingService | undefined;
  const activity = new ActivityRecorder({
    clock: options.clock,
    stack,
    mappingCaps: () => (mappings === undefined ? [] : mappingCaps(stack, mappings)),
    ...(state === undefined ? {} : { journalFile: join(state.console, ACTIVITY_JOURNAL_FILE) }),
    ...(options.onProblem === undefined ? {} : { onProblem: options.onProblem }),
  });
  const services = startServices(
    stack,
    sqs,
    sqsConnection,
    optionsRecordingActivity(options, activity),
    state,
  );
  mappings = services.eventSourceMappings;
  activity.attach({ logs: services.logs, sqs: sqs.model });
  return { ...services, activity };
}

/** The cloud's options with the recorder told of every settled batch and alarm change, before the caller's own callbacks. */
export function optionsRecordingActivity(
  options: LocalCloudOptions,
  activity: ActivityRecorder,
): LocalCloudOptions {
  return {
    ...options,
    onBatchSettled: (settlement) => {
      activity.batchSettled(settlement);
      options.onBatchSettled?.(settlement);
    },
    onAlarmStateChange: (change) => {
      activity.alarmStateChanged(change);
      options.onAlarmStateChange?.(change);
    },
  };
}

/** Each polled mapping's settings as they are now: its batch size, window and concurrency cap. */
export function mappingCaps(
  stack: Pick<LocalStackDefinition, 'eventSourceMappings' | 'queues'>,
  mappings: Pick<EventSourceMappingService, 'pollers'>,
): MappingCap[] {
  return mappings.pollers.map((poller) => {
    const settings = poller.currentSettings;
    const definition = stack.eventSourceMappings.find((mapping) => mapping.logicalId === settings.name);
    return {
      mapping: settings.name,
      functionName: definition?.functionName ?? '',
      queueName: settings.queueUrl.slice(settings.queueUrl.lastIndexOf('/') + 1),
      batchSize: settings.batchSize,
      maximumBatchingWindowSeconds: settings.maximumBatchingWindowSeconds,
      maximumConcurrency: settings.maximumConcurrency,
    };
  });
}
