import { ConsoleRequestError } from './console-http';
import type { ConsoleRoute } from './console-routes';

/** `GET timeline`, `GET invocations/{requestId}`. */
export const TIMELINE_ROUTES: readonly ConsoleRoute[] = [
  { method: 'GET', path: /^timeline$/, handle: ({ cloud }) => cloud.activity.timeline() },
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
