import type { LocalCloud } from '../cloud';
import type { RedriveRequest, RedriveResult } from './console-contract';
import { ConsoleRequestError } from './console-http';
import type { ConsoleRoute } from './console-routes';
import { existingQueueUrl } from './queue-lookup';
import { sendToQueue } from './routes-queues';

function readRedriveRequest(body: Record<string, unknown>): RedriveRequest {
  const { ids } = body;
  if (ids === 'all') return { ids };
  if (Array.isArray(ids) && ids.every((id) => typeof id === 'string')) return { ids };
  throw new ConsoleRequestError(
    400,
    `ids must be a list of dead-letter ids or "all" (given ${JSON.stringify(ids)})`,
  );
}

/** Sends one dead letter back to its source queue, then takes it off its dead-letter queue; answers the new message id. */
function redriveOne(cloud: LocalCloud, id: string): string {
  const letter = cloud.activity.deadLetter(id);
  if (letter === undefined) throw new Error(`no dead letter ${id}`);
  if (letter.redriven !== undefined)
    throw new Error(`already redriven, as message ${letter.redriven.messageId}`);
  if (letter.sourceQueueName === undefined) throw new Error('its source queue is not known');
  const model = cloud.sqs.model;
  const messageId = sendToQueue(model, existingQueueUrl(model, letter.sourceQueueName), {
    body: letter.body,
    messageAttributes: letter.messageAttributes,
  });
  // Only once the send succeeded: a message that could not be sent back stays where it is.
  if (letter.onQueue)
    model.removeMessage(existingQueueUrl(model, letter.deadLetterQueueName), letter.messageId);
  cloud.activity.markRedriven(id, messageId);
  return messageId;
}

/**
 * Redrives dead letters as the app's own redrive would: each one's body and string attributes are
 * sent to its source queue, and it is deleted from the dead-letter queue if it is still there.
 * One that cannot be redriven is listed in `failed` with why, never dropped.
 */
export function redrive(cloud: LocalCloud, request: RedriveRequest): RedriveResult {
  const ids =
    request.ids === 'all'
      ? cloud.activity
          .deadLetters()
          .filter((letter) => letter.redriven === undefined)
          .map((letter) => letter.id)
      : request.ids;
  const redriven: { id: string; messageId: string }[] = [];
  const failed: { id: string; error: string }[] = [];
  for (const id of ids) {
    try {
      redriven.push({ id, messageId: redriveOne(cloud, id) });
    } catch (error) {
      failed.push({ id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { redriven, failed };
}

/** `GET dead-letters`, `POST dead-letters/redrive`. */
export const DEAD_LETTER_ROUTES: readonly ConsoleRoute[] = [
  { method: 'GET', path: /^dead-letters$/, handle: ({ cloud }) => cloud.activity.deadLetters() },
  {
    method: 'POST',
    path: /^dead-letters\/redrive$/,
    handle: async ({ cloud, body }) => redrive(cloud, readRedriveRequest(await body())),
  },
];
