import type { IncomingMessage } from 'node:http';

/**
 * The service a request is signed for: the `<service>` of its SigV4 credential scope
 * (`Authorization: AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, ...`),
 * e.g. `sqs`, `monitoring` (CloudWatch) or `cloudformation`. The Query-protocol APIs all POST a form
 * to `/`, and a body read to tell them apart could not be handed on; every AWS CLI and SDK request
 * names its service here. Undefined for an unsigned request.
 */
export function signingServiceOf(request: IncomingMessage): string | undefined {
  return /Credential=[^/,\s]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(
    String(request.headers.authorization ?? ''),
  )?.[1];
}
