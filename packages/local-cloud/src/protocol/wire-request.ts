/**
 * A request as it comes off the wire, named after the SDK's request shape: the request's members,
 * each value still unchecked until an operation reads it, so a typed caller and a parsed body are
 * both accepted, and the member names let the compiler catch a misspelt parameter.
 *
 * @example
 * function putLogEvents(request: WireRequest<PutLogEventsRequest>): PutLogEventsResponse {
 *   const group = readString(request, 'logGroupName'); // 'logGroupNme' would not compile
 * }
 */
export type WireRequest<Request> = { readonly [Member in keyof Request]?: unknown };

/** The result of an operation that answers nothing but success (DeleteQueue, CreateLogGroup, ...). */
export type EmptyResult = Record<string, never>;
