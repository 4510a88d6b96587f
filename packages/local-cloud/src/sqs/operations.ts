import type { Input } from './input';
import type { RequestContext, SqsModel } from './queue-model';

/**
 * An operation as the request handler calls it: with the request as the protocol parsed it, which
 * each model method checks against its SDK request shape, and returning that operation's SDK result.
 */
type Operation = (model: SqsModel, input: Input, context: RequestContext) => unknown;

/** Every SQS operation this endpoint speaks, by its AWS name, mapped onto the model. */
export const OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateQueue: (model, input) => model.createQueue(input),
  GetQueueUrl: (model, input) => model.getQueueUrl(input),
  ListQueues: (model, input) => model.listQueues(input),
  DeleteQueue: (model, input) => model.deleteQueue(input),
  PurgeQueue: (model, input) => model.purgeQueue(input),
  GetQueueAttributes: (model, input) => model.getQueueAttributes(input),
  SetQueueAttributes: (model, input) => model.setQueueAttributes(input),
  ListDeadLetterSourceQueues: (model, input) => model.listDeadLetterSourceQueues(input),
  TagQueue: (model, input) => model.tagQueue(input),
  UntagQueue: (model, input) => model.untagQueue(input),
  ListQueueTags: (model, input) => model.listQueueTags(input),
  SendMessage: (model, input, context) => model.sendMessage(input, context),
  SendMessageBatch: (model, input, context) => model.sendMessageBatch(input, context),
  ReceiveMessage: (model, input, context) => model.receiveMessage(input, context),
  DeleteMessage: (model, input) => model.deleteMessage(input),
  DeleteMessageBatch: (model, input) => model.deleteMessageBatch(input),
  ChangeMessageVisibility: (model, input) => model.changeMessageVisibility(input),
  ChangeMessageVisibilityBatch: (model, input) => model.changeMessageVisibilityBatch(input),
  StartMessageMoveTask: (model, input) => model.startMessageMoveTask(input),
  ListMessageMoveTasks: (model, input) => model.listMessageMoveTasks(input),
  CancelMessageMoveTask: (model, input) => model.cancelMessageMoveTask(input),
};

/**
 * Operations whose acknowledgement promises nothing about durability. ReceiveMessage changes state
 * too, but losing a receive only makes a message visible again early, which SQS allows anyway.
 */
export const NON_DURABLE_OPERATIONS: ReadonlySet<string> = new Set([
  'GetQueueUrl',
  'ListQueues',
  'GetQueueAttributes',
  'ListDeadLetterSourceQueues',
  'ListQueueTags',
  'ListMessageMoveTasks',
  'ReceiveMessage',
]);
