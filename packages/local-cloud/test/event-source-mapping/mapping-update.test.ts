import { applyMappingUpdate, type SqsMappingSettings } from '../../src/event-source-mapping';

/** The pipeline's ProcessOrders mapping as the template sets it. */
const CURRENT: SqsMappingSettings = {
  functionName: 'OrderPipeline-ProcessOrders',
  enabled: true,
  batchSize: 10,
  maximumBatchingWindowSeconds: 5,
  maximumConcurrency: 2,
  reportBatchItemFailures: true,
};

describe('applyMappingUpdate', () => {
  test('changes only the fields the request gives', () => {
    const next = applyMappingUpdate(CURRENT, { UUID: 'u', BatchSize: 100 }, { fifoQueue: false });

    expect(next).toStrictEqual({ ...CURRENT, batchSize: 100 });
  });

  test('an empty ScalingConfig removes the cap and an empty FunctionResponseTypes turns batch item failures off', () => {
    const next = applyMappingUpdate(
      CURRENT,
      { ScalingConfig: {}, FunctionResponseTypes: [], Enabled: false },
      { fifoQueue: false },
    );

    expect(next).toStrictEqual({
      ...CURRENT,
      maximumConcurrency: undefined,
      reportBatchItemFailures: false,
      enabled: false,
    });
  });

  test('checks a batch size over 10 against the window the mapping will have, not only the one given', () => {
    const update = () =>
      applyMappingUpdate(CURRENT, { BatchSize: 50, MaximumBatchingWindowInSeconds: 0 }, { fifoQueue: false });

    expect(update).toThrow(
      /BatchSize over 10 needs a MaximumBatchingWindowInSeconds of at least 1 \(given BatchSize 50 with MaximumBatchingWindowInSeconds 0\)/,
    );
    expect(applyMappingUpdate(CURRENT, { BatchSize: 50 }, { fifoQueue: false }).batchSize).toBe(50);
  });

  test('fails naming every problem at once', () => {
    const update = () =>
      applyMappingUpdate(
        CURRENT,
        { BatchSize: 1.5, ScalingConfig: { MaximumConcurrency: 1001 }, Enabled: 'yes', FilterCriteria: {} },
        { fifoQueue: false },
      );

    expect(update).toThrow(
      expect.objectContaining({
        name: 'InvalidParameterValueException',
        problems: [
          expect.stringMatching(/^FilterCriteria: not supported/),
          'BatchSize must be a whole number between 1 and 10000 (given 1.5)',
          'ScalingConfig.MaximumConcurrency must be a whole number between 2 and 1000 (given 1001)',
          'Enabled must be true or false (given "yes")',
        ],
      }),
    );
  });

  test('fails with a clear problem if FunctionResponseTypes is not a list', () => {
    const update = () => applyMappingUpdate(CURRENT, { FunctionResponseTypes: 5 }, { fifoQueue: false });

    expect(update).toThrow(
      expect.objectContaining({
        name: 'InvalidParameterValueException',
        problems: ['FunctionResponseTypes may hold only ReportBatchItemFailures (given 5)'],
      }),
    );
  });

  test('fails if a FIFO queue is given more than 10 records per batch or a batching window', () => {
    const fifo = { ...CURRENT, maximumBatchingWindowSeconds: 0 };
    const update = () =>
      applyMappingUpdate(fifo, { BatchSize: 11, MaximumBatchingWindowInSeconds: 1 }, { fifoQueue: true });

    expect(update).toThrow(
      /BatchSize must be at most 10 for a FIFO queue \(given 11\); MaximumBatchingWindowInSeconds is not supported for a FIFO queue \(given 1\)/,
    );
  });
});
