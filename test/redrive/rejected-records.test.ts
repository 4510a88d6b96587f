import { gzipSync } from 'node:zlib';
import { originalBody, selectRecords } from '../../bin/redrive/rejected-records';
import { rejectedRecord } from './record-factory';

describe('selectRecords', () => {
  const records = [
    rejectedRecord({ messageId: 'c', reason: 'INVALID_ORDER', recordedAt: '2026-11-30T06:00:03.000Z' }),
    rejectedRecord({ messageId: 'a', reason: 'RETRIES_EXHAUSTED', recordedAt: '2026-11-30T06:00:01.000Z' }),
    rejectedRecord({
      messageId: 'done',
      reason: 'RETRIES_EXHAUSTED',
      recordedAt: '2026-11-30T06:00:00.000Z',
      redrivenAt: '2026-11-30T07:00:00.000Z',
      redriveMessageId: 'new-1',
    }),
    rejectedRecord({ messageId: 'b', reason: 'RETRIES_EXHAUSTED', recordedAt: '2026-11-30T06:00:02.000Z' }),
  ];
  const ids = (selected: { messageId: string }[]) => selected.map(({ messageId }) => messageId);

  test('takes every record not yet redriven, oldest first', () => {
    expect(ids(selectRecords(records, {}))).toStrictEqual(['a', 'b', 'c']);
  });

  test('keeps only the reasons asked for', () => {
    expect(ids(selectRecords(records, { reasons: ['RETRIES_EXHAUSTED'] }))).toStrictEqual(['a', 'b']);
    expect(ids(selectRecords(records, { reasons: ['CONFLICTING_DUPLICATE'] }))).toStrictEqual([]);
  });

  test('takes at most the limit, the longest waiting first', () => {
    expect(ids(selectRecords(records, { limit: 2 }))).toStrictEqual(['a', 'b']);
  });
});

describe('originalBody', () => {
  test('is the stored text as it is, bytes untouched', () => {
    const body = '{"orderId":"o-1","orderId":"o-2"}  ';
    expect(originalBody({ body, bodyEncoding: 'utf8' })).toBe(body);
  });

  test('gunzips a body FailedOrders compressed', () => {
    const body = JSON.stringify({ orderId: 'o-1', items: Array(1000).fill('é') });
    expect(originalBody({ body: gzipSync(body), bodyEncoding: 'gzip' })).toBe(body);
  });
});
