import type { InspectedMessage, SqsModel } from '../sqs/queue-model';
import type { DeadLetterView } from './console-contract';
import type { DeadLetterTracker } from './dead-letter-tracker';

/** What restoring dead letters reads of the SQS model. */
export type RestoringQueues = Pick<
  SqsModel,
  'listQueues' | 'deadLetterSourceNames' | 'peekMessages' | 'storedMessages'
>;

/** Every dead-letter queue's messages as the SQS state holds them, by queue name. */
function deadLetterQueueMessages(sqs: RestoringQueues): Map<string, InspectedMessage[]> {
  const messages = new Map<string, InspectedMessage[]>();
  for (const url of sqs.listQueues({ MaxResults: 1000 }).QueueUrls ?? []) {
    const name = url.slice(url.lastIndexOf('/') + 1);
    if (sqs.deadLetterSourceNames(name).length === 0) continue;
    messages.set(name, sqs.peekMessages(url, sqs.storedMessages(url)));
  }
  return messages;
}

/**
 * Gives the tracker the dead letters of the run before a restart, on their queues as the SQS state
 * says they are now, then the messages of the dead-letter queues that no replayed letter covers
 * (their arrival was not written before the cloud stopped, or the state directory is older than
 * the console's journal), each reported through `onProblem`: none is left out of the page silently.
 */
export function restoreDeadLetters(
  tracker: DeadLetterTracker,
  letters: readonly DeadLetterView[],
  sqs: RestoringQueues,
  journalPath: string,
  onProblem: (message: string) => void,
): void {
  const messages = deadLetterQueueMessages(sqs);
  const idsOn = new Map<string, Set<string>>();
  tracker.restore(letters, (queueName, messageId) => {
    let ids = idsOn.get(queueName);
    if (ids === undefined) {
      ids = new Set((messages.get(queueName) ?? []).map((message) => message.messageId));
      idsOn.set(queueName, ids);
    }
    return ids.has(messageId);
  });
  for (const [queueName, held] of messages) {
    const adopted = tracker.adopt(queueName, held);
    if (adopted === 0) continue;
    onProblem(
      `console activity: ${adopted} message(s) on the dead-letter queue ${queueName} were not in ${journalPath} ` +
        '(the cloud stopped before they were written, or the state directory is older than the journal); ' +
        'they are shown as the queue holds them, their arrival time being when they were first sent',
    );
  }
}
