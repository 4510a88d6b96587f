/**
 * Shows a suite that cannot run on this machine (no AWS CLI, say) as skipped, with the reason in
 * its name, rather than as a passing test: the one place where tests are skipped on purpose.
 */
export function notRunHere(what: string, reason: string): void {
  test.skip(`${what}: ${reason}`, () => undefined);
}
