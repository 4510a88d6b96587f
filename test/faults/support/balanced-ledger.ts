import type { FaultLedger } from './fault-ledger';

/**
 * The ledger a run must end with: `sent = stored + rejected`, nothing unaccounted for, stored or
 * rejected twice, changed, invented, or left on a queue. Compare with `toStrictEqual` so a failing
 * run shows every count that is off.
 */
export function balancedLedger(counts: {
  readonly stored: number;
  readonly rejectedByReason?: Readonly<Record<string, number>>;
}): FaultLedger {
  const rejectedByReason = counts.rejectedByReason ?? {};
  const rejected = Object.values(rejectedByReason).reduce((sum, count) => sum + count, 0);
  return {
    sent: counts.stored + rejected,
    stored: counts.stored,
    rejected,
    rejectedByReason,
    unaccounted: 0,
    storedAndRejected: 0,
    storedTwice: 0,
    rejectedTwice: 0,
    contentMismatches: 0,
    phantoms: 0,
    stillQueued: 0,
    balanced: true,
  };
}
