/**
 * Shows a jest suite that cannot run on this machine (no AWS CLI, say) as skipped, with the reason
 * in its name, rather than as a passing test. Suites that drive the local cloud with an external
 * tool call it when {@link debianAwsCli} or {@link pathAwsCli} finds none: the one place where
 * tests, the package's and its users', are skipped on purpose. Call it inside a `describe`.
 */
export function notRunHere(what: string, reason: string): void {
  test.skip(`${what}: ${reason}`, () => undefined);
}
