import { PUBLISH_OPERATIONS } from './publish-operations';
import { SUBSCRIPTION_OPERATIONS } from './subscription-operations';
import { TAG_OPERATIONS } from './tag-operations';
import { type SnsOperation, TOPIC_OPERATIONS } from './topic-operations';

/** Every SNS action the local service answers, by its Query `Action` name. */
export const SNS_OPERATIONS: Readonly<Record<string, SnsOperation>> = {
  ...TOPIC_OPERATIONS,
  ...SUBSCRIPTION_OPERATIONS,
  ...PUBLISH_OPERATIONS,
  ...TAG_OPERATIONS,
};
