import { readBatchResponse } from '../../src/event-source-mapping/batch-response';

const batch = ['m1', 'm2', 'm3'];

describe('readBatchResponse (ReportBatchItemFailures)', () => {
  test.each([
    ['a null response', null],
    ['an undefined response', undefined],
    ['an empty object', {}],
    ['a null batchItemFailures', { batchItemFailures: null }],
    ['an empty batchItemFailures', { batchItemFailures: [] }],
  ])('treats %s as success of the whole batch', (_name, response) => {
    expect(readBatchResponse(response, batch)).toStrictEqual({ kind: 'all-succeeded' });
  });

  test('lists the failed messages of a partial failure', () => {
    expect(readBatchResponse({ batchItemFailures: [{ itemIdentifier: 'm2' }] }, batch)).toStrictEqual({
      kind: 'some-failed',
      failedMessageIds: new Set(['m2']),
    });
  });

  test.each([
    ['a string', 'ok', /not an object/],
    ['a list', [], /not an object/],
    ['batchItemFailures not a list', { batchItemFailures: 'm1' }, /batchItemFailures is not a list/],
    ['an entry without itemIdentifier', { batchItemFailures: [{ id: 'm1' }] }, /has no itemIdentifier/],
    ['an empty itemIdentifier', { batchItemFailures: [{ itemIdentifier: '' }] }, /has no itemIdentifier/],
    ['a null entry', { batchItemFailures: [null] }, /has no itemIdentifier/],
    [
      'an unknown message id',
      { batchItemFailures: [{ itemIdentifier: 'm9' }] },
      /m9 is not a message of this batch/,
    ],
  ])('treats %s as failure of the whole batch', (_name, response, reason) => {
    const verdict = readBatchResponse(response, batch);
    expect(verdict.kind).toBe('all-failed');
    expect(verdict.kind === 'all-failed' && verdict.reason).toMatch(reason);
  });
});
