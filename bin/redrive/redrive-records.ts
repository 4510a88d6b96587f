import type { MarkRedriven } from './mark-redriven';
import {
  originalBody,
  type ReadRejectedRecords,
  type RecordSelection,
  type RedrivableRecord,
  selectRecords,
} from './rejected-records';
import { type ResendOptions, resendBodies } from './resend-bodies';

/** What a redrive of recorded rejected orders did. */
export interface RecordsRedriveSummary {
  /** Records matching the selection that had not been redriven yet. */
  readonly selected: readonly Pick<RedrivableRecord, 'messageId' | 'orderId' | 'reason' | 'recordedAt'>[];
  readonly dryRun: boolean;
  /** Sent back and marked. */
  readonly redriven: number;
  /** Sent back, but another run had marked the record meanwhile (it ran at the same time). */
  readonly alreadyMarked: number;
  /** Not sent, with why: each stays unmarked, and the next run tries it again. */
  readonly failed: readonly { readonly recordId: string; readonly reason: string }[];
}

export interface RedriveRecordsOptions extends RecordSelection, ResendOptions {
  readonly readRecords: ReadRejectedRecords;
  readonly markRedriven: MarkRedriven;
  readonly dryRun: boolean;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

/**
 * Sends recorded rejected orders back to the orders queue, once each: the records not yet
 * redriven with a selected reason, each body exactly as it was dead-lettered; then marks each
 * record it sent with a conditional update, so a second run selects nothing and sends nothing.
 *
 * Marking after sending means a run that dies between the two resends that record next time: the
 * consumer stores an order id once, so a resend cannot store an order twice, while marking first
 * could lose the send.
 */
export async function redriveRecords(options: RedriveRecordsOptions): Promise<RecordsRedriveSummary> {
  const chosen = selectRecords(await options.readRecords(), options);
  const selected = chosen.map(({ messageId, orderId, reason, recordedAt }) => ({
    messageId,
    ...(orderId === undefined ? {} : { orderId }),
    reason,
    recordedAt,
  }));
  if (options.dryRun) return { selected, dryRun: true, redriven: 0, alreadyMarked: 0, failed: [] };

  const failed: { recordId: string; reason: string }[] = [];
  const bodies = chosen.flatMap((record) => {
    try {
      return [{ recordId: record.messageId, body: originalBody(record) }];
    } catch (error) {
      failed.push({ recordId: record.messageId, reason: `unreadable body: ${(error as Error).message}` });
      return [];
    }
  });
  const outcome = await resendBodies(bodies, options);
  failed.push(...outcome.failed);
  let redriven = 0;
  let alreadyMarked = 0;
  const now = options.now ?? (() => new Date());
  for (const [recordId, redriveMessageId] of outcome.sent) {
    const result = await options.markRedriven(recordId, {
      redrivenAt: now().toISOString(),
      redriveMessageId,
    });
    if (result === 'marked') redriven += 1;
    else alreadyMarked += 1;
  }
  return { selected, dryRun: false, redriven, alreadyMarked, failed };
}

/** The summary as lines for a terminal. */
export function formatRecordsSummary(summary: RecordsRedriveSummary): string[] {
  const lines = summary.selected.map(
    ({ messageId, orderId, reason, recordedAt }) =>
      `  ${messageId}  ${reason.padEnd(21)}  ${recordedAt}  ${orderId ?? '(no order id)'}`,
  );
  if (summary.dryRun) {
    return [
      `Would send ${summary.selected.length} rejected order(s) back (dry run: nothing sent):`,
      ...lines,
    ];
  }
  return [
    `Selected ${summary.selected.length} rejected order(s) not yet redriven:`,
    ...lines,
    `Sent back and marked: ${summary.redriven}`,
    ...(summary.alreadyMarked > 0 ? [`Sent, but marked by a concurrent run: ${summary.alreadyMarked}`] : []),
    `Failed (left unmarked for the next run): ${summary.failed.length}`,
    ...summary.failed.map(({ recordId, reason }) => `  ${recordId}: ${reason}`),
  ];
}
