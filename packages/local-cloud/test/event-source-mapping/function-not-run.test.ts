import { scaledClock } from '../../src/clock';
import {
  EventSourceMappingService,
  type EventSourceMappingServiceOptions,
  eventSourceMappingUuid,
  InvalidParameterValueException,
} from '../../src/event-source-mapping';

const ENVIRONMENT = { region: 'us-east-1', accountId: '000000000000', partition: 'aws' };
const CONSUMER = 'Stack-Consumer';
const CONSUMER_ARN = `arn:aws:lambda:us-east-1:000000000000:function:${CONSUMER}`;
const WORKER = 'Stack-PythonWorker';
const WORKER_ARN = `arn:aws:lambda:us-east-1:000000000000:function:${WORKER}`;
const WORKER_REASON = 'runtime python3.12: only Node.js functions run locally';
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:Jobs';

/** The local Lambda, which holds the consumer only. */
const lambda = {
  concurrency: 10,
  getFunction: (name: string) => {
    if (name === CONSUMER || name === CONSUMER_ARN || name === 'Consumer') {
      return { functionName: CONSUMER, functionArn: CONSUMER_ARN };
    }
    throw Object.assign(new Error(`Function not found: ${name}`), { name: 'ResourceNotFoundException' });
  },
  invoke: async () => ({ payload: null }),
} as unknown as EventSourceMappingServiceOptions['lambda'];

const mapping = (logicalId: string, functionName: string, enabled: boolean) => ({
  logicalId,
  functionName,
  eventSourceArn: QUEUE_ARN,
  batchSize: 10,
  maximumBatchingWindowSeconds: 0,
  reportBatchItemFailures: false,
  enabled,
  filterPatterns: [],
});

/** A queue read by the consumer and by a Python worker, whose mapping the stack keeps disabled. */
const stack = {
  eventSourceMappings: [mapping('ConsumerMapping', CONSUMER, true), mapping('WorkerMapping', WORKER, false)],
  queues: [
    {
      logicalId: 'Jobs',
      queueName: 'Jobs',
      queueUrl: 'http://127.0.0.1:1/000000000000/Jobs',
      queueArn: QUEUE_ARN,
      attributes: {},
    },
  ],
  functionsNotRun: [
    {
      logicalId: 'PythonWorker',
      functionName: WORKER,
      status: 'not-runnable',
      reason: WORKER_REASON,
      runtime: 'python3.12',
    },
  ],
  environment: ENVIRONMENT,
} as unknown as EventSourceMappingServiceOptions['stack'];

describe('an event source mapping of a function that does not run locally', () => {
  let service: EventSourceMappingService;
  const workerUuid = eventSourceMappingUuid('WorkerMapping');

  beforeEach(() => {
    service = new EventSourceMappingService({
      stack,
      lambda,
      sqs: { endpoint: 'http://127.0.0.1:1', region: ENVIRONMENT.region, credentials: CREDENTIALS },
      clock: scaledClock(10),
    });
  });

  afterEach(() => service.stop());

  test('is listed with the others, Disabled, saying why as Lambda says it of a state it chose', () => {
    const listed = service.listEventSourceMappings();

    expect(listed.map(({ FunctionArn, State }) => [FunctionArn, State])).toStrictEqual([
      [CONSUMER_ARN, 'Enabled'],
      [WORKER_ARN, 'Disabled'],
    ]);
    expect(listed[0].StateTransitionReason).toBe('USER_INITIATED');
    expect(listed[1]).toMatchObject({
      UUID: workerUuid,
      EventSourceArn: QUEUE_ARN,
      BatchSize: 10,
      StateTransitionReason: `PROBLEM: function ${WORKER} does not run locally (${WORKER_REASON}); its messages stay on the queue`,
    });
  });

  test.each([WORKER, WORKER_ARN, 'PythonWorker'])('is listed for the function named %s', (functionName) => {
    expect(service.listEventSourceMappings({ functionName }).map(({ UUID }) => UUID)).toStrictEqual([
      workerUuid,
    ]);
  });

  test('GetEventSourceMapping answers it as the list does', () => {
    expect(service.getEventSourceMapping(workerUuid)).toStrictEqual(service.listEventSourceMappings()[1]);
  });

  test('stays disabled and unpolled: an update is refused, saying why, and it has no poller', () => {
    service.start();

    expect(() => service.updateEventSourceMapping(workerUuid, { Enabled: true })).toThrow(
      InvalidParameterValueException,
    );
    expect(() => service.updateEventSourceMapping(workerUuid, { Enabled: true })).toThrow(
      /does not run locally/,
    );
    expect(service.getEventSourceMapping(workerUuid).State).toBe('Disabled');
    expect(service.pollers.map((poller) => poller.currentSettings.name)).toStrictEqual(['ConsumerMapping']);
  });

  test('a function neither run nor not-run is still unknown', () => {
    expect(() => service.listEventSourceMappings({ functionName: 'Stack-Nobody' })).toThrow(
      /Function not found/,
    );
  });
});
