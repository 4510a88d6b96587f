import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { ManualClock } from '../../../src/clock';
import { type SqsServer, startSqsServer } from '../../../src/sqs/server';
import { eventually, type SdkProtocol, sqsClient } from '../support';

/** What a receive may override; by default it asks for 10 messages with every attribute. */
export type ReceiveOverrides = Partial<{
  MaxNumberOfMessages: number;
  VisibilityTimeout: number;
  WaitTimeSeconds: number;
}>;

/**
 * What every topic of the conformance suite shares: one local SQS endpoint on a manual clock, so
 * visibility timeouts, delays and retention are driven by `clock.advance` instead of sleeping, one
 * SDK client for it, and the helpers the tests arrange and assert with. Its helpers are arrow
 * properties, so a topic may destructure them.
 */
export class SqsConformanceContext {
  readonly clock = new ManualClock();
  private queueCounter = 0;
  private started?: { readonly server: SqsServer; readonly sqs: SQSClient };

  constructor(readonly protocol: SdkProtocol) {}

  /** The endpoint under test; set once the suite's `beforeAll` has run. */
  get server(): SqsServer {
    return this.connection().server;
  }

  /** The SDK client for the endpoint; set once the suite's `beforeAll` has run. */
  get sqs(): SQSClient {
    return this.connection().sqs;
  }

  async start(): Promise<void> {
    const server = await startSqsServer({ port: 0, clock: this.clock });
    this.started = { server, sqs: sqsClient(server.endpoint, this.protocol) };
  }

  async stop(): Promise<void> {
    this.started?.sqs.destroy();
    await this.started?.server.close();
  }

  /** Creates a queue with a name no other test uses (`suffix` ends it, e.g. `.fifo`) and returns its URL. */
  createQueue = async (attributes: Record<string, string> = {}, suffix = ''): Promise<string> => {
    const name = `q${++this.queueCounter}-${this.protocol}${suffix}`;
    const { QueueUrl } = await this.sqs.send(
      new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
    );
    return QueueUrl ?? '';
  };

  attributesOf = async (QueueUrl: string): Promise<Record<string, string>> => {
    const { Attributes } = await this.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
    );
    return Attributes ?? {};
  };

  /** The queue's visible, in-flight and delayed message counts. */
  counts = async (QueueUrl: string): Promise<[number, number, number]> => {
    const attributes = await this.attributesOf(QueueUrl);
    return [
      Number(attributes.ApproximateNumberOfMessages),
      Number(attributes.ApproximateNumberOfMessagesNotVisible),
      Number(attributes.ApproximateNumberOfMessagesDelayed),
    ];
  };

  /** Waits (boundedly) until a long poll is parked on the queue, so that what follows wakes it. */
  parked = async (QueueUrl: string): Promise<void> => {
    expect(await eventually(() => this.server.model.pendingReceives(QueueUrl) > 0)).toBe(true);
  };

  receive = async (QueueUrl: string, extra: ReceiveOverrides = {}): Promise<Message[]> => {
    const { Messages } = await this.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
        ...extra,
      }),
    );
    return Messages ?? [];
  };

  private connection(): { readonly server: SqsServer; readonly sqs: SQSClient } {
    if (!this.started) throw new Error('the conformance endpoint starts in beforeAll, before the first test');
    return this.started;
  }
}

/** A context whose endpoint starts before the enclosing `describe`'s tests and stops after them. */
export function conformanceContext(protocol: SdkProtocol): SqsConformanceContext {
  const context = new SqsConformanceContext(protocol);
  beforeAll(() => context.start());
  afterAll(() => context.stop());
  return context;
}
