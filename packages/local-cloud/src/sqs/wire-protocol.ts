import type { SqsError } from './errors';

/** A response ready to write: the protocol adapters produce it, the server sends it. */
export interface HttpReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

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
  error(error: SqsError, requestId: string): HttpReply;
}
