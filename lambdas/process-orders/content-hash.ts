/**
 * The content hash now lives in `shared/content-hash.ts`, because FailedOrders compares a
 * dead-lettered order with the stored one by the same hash. Kept only for the fault-injection
 * suite's ledger (`test/faults`), which imports it from here; import from `shared/` instead.
 *
 * @deprecated import from `shared/content-hash`.
 */
export { canonicalJson, contentHash } from '../../shared/content-hash';
