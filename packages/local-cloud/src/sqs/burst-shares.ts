/**
 * How many of `available` messages each of several waiting long polls receives, in waiting order.
 *
 * SQS stores a queue's messages across many servers, and a long poll queries all of them and answers
 * as soon as it has collected at least one message, up to its MaxNumberOfMessages
 * (sqs-short-and-long-polling). So when several receivers are waiting as a burst lands, the burst is
 * spread over them rather than handed whole to one. The model deals the messages out one at a time
 * round the waiters, skipping those that have as many as they asked for: deterministic, the oldest
 * poll gets the odd one, and a lone receiver still gets up to its MaxNumberOfMessages at once.
 *
 * @param capacities each waiting poll's MaxNumberOfMessages, oldest poll first
 * @returns a share per poll, in the same order, summing to at most `available`
 */
export function burstShares(available: number, capacities: readonly number[]): number[] {
  const shares = capacities.map(() => 0);
  const room = capacities.reduce((sum, capacity) => sum + Math.max(0, capacity), 0);
  let left = Math.min(Math.max(0, Math.floor(available)), room);
  // Every round deals at least one message while `left` > 0, since `left` never exceeds the room.
  while (left > 0) {
    for (let index = 0; index < capacities.length && left > 0; index += 1) {
      if (shares[index] >= capacities[index]) continue;
      shares[index] += 1;
      left -= 1;
    }
  }
  return shares;
}
