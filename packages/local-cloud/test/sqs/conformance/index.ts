import type { SdkProtocol } from '../support';
import { batchTests } from './batches';
import { conformanceContext } from './context';
import { deadLetterTests } from './dead-letters';
import { fifoTests } from './fifo';
import { longPollingTests } from './long-polling';
import { messageRuleTests } from './message-rules';
import { messageTests } from './messages';
import { queueTests } from './queues';
import { visibilityTests } from './visibility';

/**
 * The conformance suite: every operation and rule of the local SQS endpoint, through the real SDK.
 * The server runs on a manual clock, so visibility timeouts, delays and retention are driven by
 * `clock.advance` instead of sleeping. The topics share one endpoint and run in this order.
 */
export function describeSqsConformance(protocol: SdkProtocol): void {
  describe(`local SQS through @aws-sdk/client-sqs (${protocol === 'json' ? 'AWS JSON 1.0' : 'Query protocol'})`, () => {
    const context = conformanceContext(protocol);

    describe('queues', () => queueTests(context));
    describe('sending and receiving', () => {
      messageTests(context);
      visibilityTests(context);
      messageRuleTests(context);
    });
    describe('long polling', () => longPollingTests(context));
    describe('batches', () => batchTests(context));
    describe('dead-letter queues', () => deadLetterTests(context));
    describe('FIFO queues', () => fifoTests(context));
  });
}
