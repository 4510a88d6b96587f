/**
 * How the local services speak AWS on the wire, in one place:
 * - `aws-error`: {@link AwsError}, the one error base class (code, HTTP status, sender fault, the
 *   Query-compatible legacy code), and {@link toAwsError} for whatever a handler threw;
 * - `aws-json`: AWS JSON 1.0 and 1.1 (`X-Amz-Target`), requests read, results and errors written;
 * - `rest-json`: the REST-JSON error and result answers (Lambda);
 * - `aws-query`, `query-shape`, `query-xml`: the Query protocol, its form read with each
 *   operation's lists and maps, its XML results and `<ErrorResponse>`s;
 * - `http-reply`: the reply every writer produces, and how it is sent;
 * - `wire-request`: a request's members as they come off the wire, still unchecked.
 */
export * from './aws-error';
export * from './aws-json';
export * from './aws-query';
export * from './http-reply';
export * from './query-shape';
export * from './query-xml';
export * from './rest-json';
export * from './wire-request';
