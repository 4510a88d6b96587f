import { isLoopbackHost } from '../loopback-host';
import { SqsError } from './errors';

/**
 * The DNS-rebinding guard: a web page can make a browser send requests to 127.0.0.1 under a name the
 * attacker controls, but it cannot forge the Host header, which then carries that name. Requests
 * whose Host is not a loopback name (or the host of the advertised endpoint, which the operator chose)
 * are refused with AccessDenied before their body is read.
 *
 * @example
 * const guard = hostGuard('http://sqs.local.test:4566');
 * guard('127.0.0.1:9324'); // passes
 * guard('evil.example:9324'); // throws AccessDeniedException (403)
 */
export function hostGuard(advertisedEndpoint?: string): (host: string | undefined) => void {
  const advertised = advertisedEndpoint === undefined ? undefined : new URL(advertisedEndpoint);
  const allowed = new Set<string>();
  if (advertised) allowed.add(advertised.host.toLowerCase()).add(advertised.hostname.toLowerCase());
  return (host) => {
    // HTTP/1.1 requests without Host are refused by Node's parser already; HTTP/1.0 ones come from no browser.
    if (isLoopbackHost(host) || allowed.has(String(host).toLowerCase())) return;
    throw new SqsError(
      'AccessDeniedException',
      `Access to the resource is denied: requests must name a local host (127.0.0.1, localhost or [::1]), not ${host}.`,
    );
  };
}

/**
 * Checks an advertised endpoint (an http or https base URL without query or fragment) and returns it
 * without a trailing slash; throws naming the rule otherwise.
 */
export function normaliseAdvertisedEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Error(`advertisedEndpoint must be an http or https URL (given ${endpoint})`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '' || url.hash !== '') {
    throw new Error(
      `advertisedEndpoint must be an http or https URL without query or fragment (given ${endpoint})`,
    );
  }
  return endpoint.replace(/\/+$/, '');
}
