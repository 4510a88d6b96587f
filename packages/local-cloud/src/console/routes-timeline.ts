import { ConsoleRequestError } from './console-http';
import type { ConsoleRoute } from './console-routes';

/**
 * `GET timeline`, `GET invocations/{id}` (a request id is its first attempt; `<requestId>:<n>` its
 * n-th). Both carry the cloud clock's time scale, from the recorder, so the page can tell cloud
 * time from real time.
 */
export const TIMELINE_ROUTES: readonly ConsoleRoute[] = [
  {
    method: 'GET',
    path: /^timeline$/,
    handle: ({ cloud }) => cloud.activity.timeline(),
  },
  {
    method: 'GET',
    path: /^invocations\/([^/]+)$/,
    handle: ({ cloud, params }) => {
      const detail = cloud.activity.invocation(params[0]);
      if (detail === undefined) {
        throw new ConsoleRequestError(
          404,
          `no invocation ${params[0]} was recorded (or it is older than those kept)`,
        );
      }
      return detail;
    },
  },
];
