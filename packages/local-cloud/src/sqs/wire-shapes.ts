import type { EmptyResult, WireRequest } from '../protocol/wire-request';

/**
 * A request as it comes off the wire: the local services' one {@link WireRequest}. The model reads
 * every value through `input.ts`, which rejects a wrong type with InvalidParameterValue the way SQS
 * does; the member names let the compiler catch a misspelt parameter.
 *
 * @example
 * function sendMessage(input: WireInput<SendMessageRequest>): WireResult<SendMessageResult> {
 *   const body = readString(input, 'MessageBody'); // 'MessageBdy' would not compile
 * }
 */
export type WireInput<Request> = WireRequest<Request>;

/**
 * An SDK result shape as the model hands it to the protocols: the same members, with blobs (binary
 * message attribute values) as the base64 strings both wire protocols carry, not the bytes the SDK
 * decodes them to.
 */
export type WireResult<Result> = Result extends Uint8Array
  ? string
  : Result extends readonly (infer Item)[]
    ? WireResult<Item>[]
    : Result extends object
      ? { [Key in keyof Result]: WireResult<Result[Key]> }
      : Result;

/** A shape with `Keys` always present: what the model guarantees beyond the SDK's optional members. */
export type WithMembers<Shape, Keys extends keyof Shape> = Shape & {
  [Key in Keys]-?: Exclude<Shape[Key], undefined>;
};

export type { EmptyResult };
