import type { AwsError } from '../protocol/aws-error';
import type { HttpReply } from '../protocol/http-reply';

export type { HttpReply } from '../protocol/http-reply';

/** What both wire protocols provide: parse a request into an operation call, render its outcome. */
export interface WireProtocol {
  /** Turns a raw request into the operation name and its input in the AWS JSON shape. */
  parse(request: {
    readonly headers: Readonly<Record<string, string | string[] | undefined>>;
    readonly url: string;
    readonly body: Buffer;
  }): {
    operation: string;
    input: Record<string, unknown>;
  };
  /** Renders an operation's result. */
  reply(operation: string, result: unknown, requestId: string): HttpReply;
  /** Renders an error in this protocol's shape. */
  error(error: AwsError, requestId: string): HttpReply;
  /** The error for an operation this endpoint does not speak, in this protocol's words. */
  unknownOperation(operation: string): AwsError;
}
