import { asyncDestinationKind } from '../assembly/event-invoke-configs';
import type { LocalFunctionDefinition } from '../assembly/function-definitions';
import {
  type DeadLetterAttribute,
  deadLetterAttributes,
  type EndedAsyncEvent,
  invocationRecord,
} from './async-invocation-record';

/**
 * Where Lambda sends what becomes of asynchronous invocations: the local cloud implements it with
 * its SQS model, its SNS and the Lambda service itself, so that the Lambda service needs neither.
 * Each method throws when it cannot send (a queue, topic or function that does not exist).
 */
export interface AsyncFailureTargets {
  /** Sends a message to an SQS queue, by ARN. */
  sendToQueue(
    queueArn: string,
    body: string,
    attributes: Readonly<Record<string, DeadLetterAttribute>>,
  ): Promise<void> | void;
  /** Publishes a message to an SNS topic, by ARN. */
  publishToTopic(
    topicArn: string,
    message: string,
    attributes: Readonly<Record<string, DeadLetterAttribute>>,
  ): Promise<void> | void;
  /** Invokes a function asynchronously, by ARN. */
  invokeFunction(functionArn: string, payload: unknown): Promise<void> | void;
}

/** A function's own settings for its asynchronous invocations, from its template. */
export interface AsyncFunctionSettings {
  /** @default - the function's name stands in */
  readonly functionArn?: string;
  /** @default - the queue's */
  readonly maximumRetryAttempts?: number;
  /** @default - the queue's */
  readonly maximumEventAgeSeconds?: number;
  /** `DeadLetterConfig.TargetArn`. @default - none */
  readonly deadLetterTargetArn?: string;
  /** `DestinationConfig.OnFailure.Destination`. @default - none */
  readonly onFailure?: string;
  /** `DestinationConfig.OnSuccess.Destination`. @default - none */
  readonly onSuccess?: string;
}

/** The asynchronous settings of a function definition: its EventInvokeConfig and dead-letter queue. */
export function asyncSettingsOf(definition: LocalFunctionDefinition): AsyncFunctionSettings {
  const config = definition.eventInvokeConfig;
  return {
    functionArn: definition.functionArn,
    maximumRetryAttempts: config?.maximumRetryAttempts,
    maximumEventAgeSeconds: config?.maximumEventAgeSeconds,
    deadLetterTargetArn: definition.deadLetterTargetArn,
    onFailure: config?.onFailure,
    onSuccess: config?.onSuccess,
  };
}

/** A destination the local cloud does not send to (an EventBridge bus, an S3 bucket, a FIFO queue). */
export class AsyncDestinationNotEmulatedError extends Error {
  constructor(arn: string, why: string) {
    super(`${arn} ${why}`);
    this.name = 'AsyncDestinationNotEmulatedError';
  }
}

/** A destination configured on a Lambda service that was given nothing to send through. */
export class AsyncTargetsMissingError extends Error {
  constructor() {
    super('the Lambda service was started without targets for dead-letter queues and destinations');
    this.name = 'AsyncTargetsMissingError';
  }
}

/** One send of an ended event: where to, and the error when it failed. */
export interface AsyncDelivery {
  readonly what: 'dead-letter queue' | 'on-failure destination' | 'on-success destination';
  readonly arn: string;
  /** `ErrorName: message`. @default - none: it was sent */
  readonly error?: string;
}

/** A message body, attributes for a queue or topic: the record, or for a dead-letter queue the event. */
async function send(
  targets: AsyncFailureTargets | undefined,
  arn: string,
  body: unknown,
  attributes: Readonly<Record<string, DeadLetterAttribute>>,
): Promise<void> {
  if (arn.endsWith('.fifo'))
    throw new AsyncDestinationNotEmulatedError(arn, 'is FIFO, which Lambda does not send to');
  const kind = asyncDestinationKind(arn);
  if (kind === 'not-emulated') throw new AsyncDestinationNotEmulatedError(arn, 'is not emulated locally');
  if (targets === undefined) throw new AsyncTargetsMissingError();
  if (kind === 'function') return targets.invokeFunction(arn, body);
  const text = JSON.stringify(body === undefined ? null : body);
  if (kind === 'queue') return targets.sendToQueue(arn, text, attributes);
  return targets.publishToTopic(arn, text, attributes);
}

async function attempt(
  what: AsyncDelivery['what'],
  arn: string,
  sending: () => Promise<void>,
): Promise<AsyncDelivery> {
  try {
    await sending();
    return { what, arn };
  } catch (error) {
    return { what, arn, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/**
 * Sends an ended event where its function's settings say, as Lambda does: a success's record to the
 * on-success destination; a failed or expired event's record to the on-failure destination and the
 * event itself, with `RequestID`, `ErrorCode` and `ErrorMessage` attributes, to the dead-letter
 * queue (Lambda sends to both when a function has both).
 *
 * @returns each send made, failed ones with their error; none when nothing is configured
 */
export async function deliverEndedEvent(
  targets: AsyncFailureTargets | undefined,
  settings: AsyncFunctionSettings,
  event: EndedAsyncEvent,
): Promise<AsyncDelivery[]> {
  const record = invocationRecord(event);
  if (event.condition === 'Success') {
    const { onSuccess } = settings;
    if (onSuccess === undefined) return [];
    return [await attempt('on-success destination', onSuccess, () => send(targets, onSuccess, record, {}))];
  }
  const deliveries: Promise<AsyncDelivery>[] = [];
  const { onFailure, deadLetterTargetArn } = settings;
  if (onFailure !== undefined) {
    deliveries.push(attempt('on-failure destination', onFailure, () => send(targets, onFailure, record, {})));
  }
  if (deadLetterTargetArn !== undefined) {
    const attributes = deadLetterAttributes(event);
    deliveries.push(
      attempt('dead-letter queue', deadLetterTargetArn, () =>
        send(targets, deadLetterTargetArn, event.payload, attributes),
      ),
    );
  }
  return Promise.all(deliveries);
}

/**
 * The end of an ASYNC line for an event Lambda gives up on: where it went, or `Event <verb>` when
 * it went nowhere, then the reason, then each send that failed.
 *
 * @example
 * endingLine([{ what: 'dead-letter queue', arn }], 'discarded', 'no retries left (MaximumRetryAttempts 0)');
 * // 'Event sent to dead-letter queue arn:...: no retries left (MaximumRetryAttempts 0)'
 */
export function endingLine(deliveries: readonly AsyncDelivery[], verb: string, reason: string): string {
  const sent = deliveries.filter((delivery) => delivery.error === undefined);
  const head =
    sent.length === 0
      ? `Event ${verb}: ${reason}`
      : `Event sent to ${sent.map((delivery) => `${delivery.what} ${delivery.arn}`).join(' and ')}: ${reason}`;
  return [head, ...failureParts(deliveries)].join('; ');
}

function failureParts(deliveries: readonly AsyncDelivery[]): string[] {
  return deliveries
    .filter((delivery) => delivery.error !== undefined)
    .map((delivery) => `sending it to ${delivery.what} ${delivery.arn} failed: ${delivery.error}`);
}

/**
 * The line for the cloud's problems when an ended event (or its record) went nowhere it should
 * have: a failed send, or a failed event with no dead-letter queue or on-failure destination.
 *
 * @returns undefined when nothing was lost
 */
export function lostLine(
  event: EndedAsyncEvent,
  deliveries: readonly AsyncDelivery[],
  reason: string,
): string | undefined {
  const failures = failureParts(deliveries);
  const nowhere = event.condition !== 'Success' && deliveries.length === 0;
  if (failures.length === 0 && !nowhere) return undefined;
  const what =
    event.condition === 'Success' ? 'the record of asynchronous invocation' : 'asynchronous invocation';
  const details = nowhere ? ['the function has no dead-letter queue or on-failure destination'] : failures;
  return `Lambda ${event.functionName}: ${what} ${event.requestId} LOST (${reason}): ${details.join('; ')}`;
}

/** The parts of an ASYNC line for an ended event. */
export interface EndingLine {
  /** `ASYNC RequestId: <id>`, and the attempt's failure when there is one. */
  readonly prefix: string;
  /** What happened to it when it went nowhere: `discarded`, `dropped`. */
  readonly verb: string;
  /** Why it ended, such as `no retries left (MaximumRetryAttempts 2)`. */
  readonly reason: string;
}

/** What {@link sendEndedEvent} sends and writes through. */
export interface EndingOutlets {
  /** @default - none: every configured send fails, and is reported */
  readonly targets?: AsyncFailureTargets;
  /** Writes the ASYNC line into the function's log group. */
  readonly log: (message: string) => void;
  /** @default - only the ASYNC line says what was lost */
  readonly onProblem?: (message: string) => void;
}

/**
 * Sends an ended event where its function's settings say, writes the ASYNC line saying where it
 * went, and tells `onProblem` of whatever went nowhere, so that nothing is lost silently.
 */
export async function sendEndedEvent(
  outlets: EndingOutlets,
  event: EndedAsyncEvent,
  settings: AsyncFunctionSettings,
  line: EndingLine,
): Promise<void> {
  const deliveries = await deliverEndedEvent(outlets.targets, settings, event);
  outlets.log(`${line.prefix}\t${endingLine(deliveries, line.verb, line.reason)}`);
  const lost = lostLine(event, deliveries, line.reason);
  if (lost !== undefined) outlets.onProblem?.(lost);
}
