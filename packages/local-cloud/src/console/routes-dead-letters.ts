import type { RedriveRequest } from './console-contract';
import { ConsoleRequestError } from './console-http';
import type { ConsoleRoute } from './console-routes';
import { moveTasks, redrive } from './dead-letter-redrive';

function readRedriveRequest(body: Record<string, unknown>): RedriveRequest {
  const { ids, deadLetterQueueName } = body;
  if (deadLetterQueueName !== undefined && (ids !== 'all' || typeof deadLetterQueueName !== 'string')) {
    throw new ConsoleRequestError(
      400,
      `deadLetterQueueName must be a queue name, with ids "all" (given ${JSON.stringify(deadLetterQueueName)})`,
    );
  }
  if (ids === 'all') return { ids, ...(deadLetterQueueName === undefined ? {} : { deadLetterQueueName }) };
  if (Array.isArray(ids) && ids.every((id) => typeof id === 'string')) return { ids };
  throw new ConsoleRequestError(
    400,
    `ids must be a list of dead-letter ids or "all" (given ${JSON.stringify(ids)})`,
  );
}

/** `GET dead-letters`, `GET dead-letters/move-tasks`, `POST dead-letters/redrive`. */
export const DEAD_LETTER_ROUTES: readonly ConsoleRoute[] = [
  { method: 'GET', path: /^dead-letters$/, handle: ({ cloud }) => cloud.activity.deadLetters() },
  {
    method: 'GET',
    path: /^dead-letters\/move-tasks$/,
    handle: ({ cloud }) => moveTasks(cloud.sqs.model),
  },
  {
    method: 'POST',
    path: /^dead-letters\/redrive$/,
    handle: async ({ cloud, body }) => redrive(cloud, readRedriveRequest(await body())),
  },
];
