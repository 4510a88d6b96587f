import type { InvocationSummary } from '../console-contract';
import { attemptLinks } from './attempt-links';
import { parseRoute, routeHash } from './route';

/**
 * The `Attempt` fact of a retried request's invocation: which attempt it is, and a link to each of
 * the others (on the console's page, where the address names the open invocation; a report, which
 * cannot load them, lists them without links).
 */
export function AttemptsFact({
  summary,
  linked,
}: {
  readonly summary: InvocationSummary;
  readonly linked: boolean;
}) {
  const links = attemptLinks(summary);
  if (links.length === 0) return null;
  const hrefOf = (id: string) => routeHash({ ...parseRoute(window.location.hash), invocation: id });
  return (
    <>
      <dt>Attempt</dt>
      <dd class="prose" data-testid="invocation-attempts">
        {summary.attempt} of {links.length} of the same request: Lambda retries a failed asynchronous
        invocation with the same request id.{' '}
        <span>
          {links.map((link) => (
            <span key={link.id} class="attempt-link">
              {link.current || !linked ? (
                <span aria-current={link.current ? 'true' : undefined}>attempt {link.attempt}</span>
              ) : (
                <a href={hrefOf(link.id)}>attempt {link.attempt}</a>
              )}{' '}
            </span>
          ))}
        </span>
      </dd>
    </>
  );
}
