import type { SendMessageBatchRequest } from '@aws-sdk/client-sqs';
import type { MarkRedriven } from '../../bin/redrive/mark-redriven';
import { formatRecordsSummary, redriveRecords } from '../../bin/redrive/redrive-records';
import type { RedrivableRecord } from '../../bin/redrive/rejected-records';
import { rejectedRecord } from './record-factory';

/** A rejected-orders table in memory, marked with the same condition as the DynamoDB adapter. */
function fakeTable(records: RedrivableRecord[]) {
  const items = new Map(records.map((record) => [record.messageId, { ...record }]));
  const markRedriven: MarkRedriven = async (messageId, mark) => {
    const item = items.get(messageId);
    if (item === undefined || item.redrivenAt !== undefined) return 'already-marked';
    items.set(messageId, { ...item, ...mark });
    return 'marked';
  };
  return { items, readRecords: async () => [...items.values()], markRedriven };
}

function fakeQueue(failEntryIds: string[] = []) {
  const sent: string[] = [];
  const sendMessageBatch = async ({ Entries = [] }: SendMessageBatchRequest) => {
    const ok = Entries.filter(({ Id }) => !failEntryIds.includes(String(Id)));
    sent.push(...ok.map(({ MessageBody }) => String(MessageBody)));
    return {
      Successful: ok.map(({ Id }) => ({ Id, MessageId: `new-${Id}`, MD5OfMessageBody: '' })),
      Failed: Entries.filter(({ Id }) => failEntryIds.includes(String(Id))).map(({ Id }) => ({
        Id,
        Code: 'InvalidParameterValue',
        SenderFault: true,
        Message: 'refused',
      })),
    };
  };
  return { sent, sendMessageBatch };
}

const records = () => [
  rejectedRecord({ messageId: 'm-1', body: 'body-1', recordedAt: '2026-11-30T06:00:01.000Z' }),
  rejectedRecord({ messageId: 'm-2', body: 'body-2', recordedAt: '2026-11-30T06:00:02.000Z' }),
  rejectedRecord({
    messageId: 'm-3',
    body: 'body-3',
    reason: 'INVALID_ORDER',
    recordedAt: '2026-11-30T06:00:03.000Z',
  }),
];
const NOW = () => new Date('2026-11-30T07:00:00.000Z');

describe('redriveRecords', () => {
  test('a dry run lists the selection and sends and marks nothing', async () => {
    const table = fakeTable(records());
    const queue = fakeQueue();
    const summary = await redriveRecords({
      ...table,
      queueUrl: 'q',
      sendMessageBatch: queue.sendMessageBatch,
      reasons: ['RETRIES_EXHAUSTED'],
      dryRun: true,
    });
    expect(summary.selected.map(({ messageId }) => messageId)).toStrictEqual(['m-1', 'm-2']);
    expect(summary).toMatchObject({ dryRun: true, redriven: 0, failed: [] });
    expect(queue.sent).toStrictEqual([]);
    expect([...table.items.values()].some((item) => item.redrivenAt !== undefined)).toBe(false);
    expect(formatRecordsSummary(summary)[0]).toBe(
      'Would send 2 rejected order(s) back (dry run: nothing sent):',
    );
  });

  test('sends the selected bodies, marks each record, and a second run sends nothing', async () => {
    const table = fakeTable(records());
    const queue = fakeQueue();
    const options = {
      ...table,
      queueUrl: 'q',
      sendMessageBatch: queue.sendMessageBatch,
      reasons: ['RETRIES_EXHAUSTED'],
      dryRun: false,
      now: NOW,
    };
    const first = await redriveRecords(options);
    expect(first).toMatchObject({ redriven: 2, alreadyMarked: 0, failed: [] });
    expect(queue.sent).toStrictEqual(['body-1', 'body-2']);
    expect(table.items.get('m-1')).toMatchObject({
      redrivenAt: '2026-11-30T07:00:00.000Z',
      redriveMessageId: 'new-0',
    });
    expect(table.items.get('m-3')?.redrivenAt).toBeUndefined();

    const second = await redriveRecords(options);
    expect(second).toMatchObject({ selected: [], redriven: 0, failed: [] });
    expect(queue.sent).toHaveLength(2);
  });

  test('a record SQS refuses stays unmarked, is reported, and the run fails', async () => {
    const table = fakeTable(records());
    const queue = fakeQueue(['1']);
    const summary = await redriveRecords({
      ...table,
      queueUrl: 'q',
      sendMessageBatch: queue.sendMessageBatch,
      dryRun: false,
      limit: 2,
    });
    expect(summary.redriven).toBe(1);
    expect(summary.failed).toStrictEqual([
      { recordId: 'm-2', reason: 'InvalidParameterValue: refused (a sender fault, not retried)' },
    ]);
    expect(table.items.get('m-2')?.redrivenAt).toBeUndefined();
    expect(formatRecordsSummary(summary)).toContain('Failed (left unmarked for the next run): 1');
  });

  test('counts a record another run marked first, without marking it twice', async () => {
    const table = fakeTable(records());
    const markedElsewhere: MarkRedriven = async () => 'already-marked';
    const summary = await redriveRecords({
      readRecords: table.readRecords,
      markRedriven: markedElsewhere,
      queueUrl: 'q',
      sendMessageBatch: fakeQueue().sendMessageBatch,
      dryRun: false,
      limit: 1,
    });
    expect(summary).toMatchObject({ redriven: 0, alreadyMarked: 1 });
  });
});
