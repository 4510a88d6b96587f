/**
 * How many of `available` messages each of several waiting long polls receives, in waiting order.
 *
 * SQS stores a queue's messages across many servers, and a long poll queries all of them and answers
 * as soon as it has collected at least one message, up to its MaxNumberOfMessages
 * (sqs-short-and-long-polling). So when several receivers are waiting as a burst lands, the burst is
 * spread over them rather than handed whole to one. The model splits it evenly: every waiting poll
 * gets the same number, and what does not divide evenly goes, in one piece, to the polls that have
 * waited longest. So a burst too small to go round (two messages for five polls) stays together, and
 * a lone receiver still gets up to its MaxNumberOfMessages at once. Deterministic, for tests.
 *
 * @param capacities each waiting poll's MaxNumberOfMessages, oldest poll first
 * @returns a share per poll, in the same order, each at most its capacity, summing to at most `available`
 */
export function burstShares(available: number, capacities: readonly number[]): number[] {
  const room = capacities.map((capacity) => Math.max(0, Math.floor(capacity)));
  const total = Math.max(0, Math.floor(available));
  const even = capacities.length === 0 ? 0 : Math.floor(total / capacities.length);
  const shares = room.map((capacity) => Math.min(capacity, even));
  let left = total - shares.reduce((sum, share) => sum + share, 0);
  for (let index = 0; index < shares.length && left > 0; index += 1) {
    const more = Math.min(left, room[index] - shares[index]);
    shares[index] += more;
    left -= more;
  }
  return shares;
}
