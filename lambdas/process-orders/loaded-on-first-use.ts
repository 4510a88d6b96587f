import type { DeadLetterForwarder } from './types';

/**
 * A dead-letter forwarder whose code and client are loaded by the first `forward`, so a cold start
 * does not pay for them when the batch holds no invalid order. Concurrent first calls share one
 * load; a load that fails is tried again by the next call (the record that met it goes back to the
 * queue as a batch item failure, as any failed forward does).
 */
export function loadedOnFirstUse(load: () => Promise<DeadLetterForwarder>): DeadLetterForwarder {
  let loading: Promise<DeadLetterForwarder> | undefined;
  return {
    async forward(rejection) {
      loading ??= load().catch((error: unknown) => {
        loading = undefined;
        throw error;
      });
      return (await loading).forward(rejection);
    },
  };
}
