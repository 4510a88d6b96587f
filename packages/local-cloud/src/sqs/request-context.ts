/** Who is calling and whether they are still there; the protocols fill it from the request. */
export interface RequestContext {
  /** Reported as the message's SenderId. @default the model's default sender */
  readonly senderId?: string;
  /** Aborted when the client goes away, which ends a long poll without taking messages. */
  readonly signal?: AbortSignal;
}
