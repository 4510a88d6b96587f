import type { ServedCloud } from '../served-cloud';
import { type ConsoleServer, startConsoleServer } from './console-server';

/** The console could not take its port. */
export class ConsolePortInUseError extends Error {
  constructor(readonly port: number) {
    super(
      `the console's port ${port} is in use on 127.0.0.1: choose another with --console-port (0 picks a free one), or run without it with --no-console`,
    );
    this.name = 'ConsolePortInUseError';
  }
}

/**
 * The console's port for a gateway on `gatewayPort`: the one asked for, else the next port up,
 * else (for a gateway on a free port) a free one too.
 */
export function consolePortFor(gatewayPort: number, requested?: number): number {
  if (requested !== undefined) return requested;
  return gatewayPort === 0 ? 0 : gatewayPort + 1;
}

/**
 * Starts the web console of a served cloud; its `stop` then closes the console first. If the
 * console cannot start, the cloud is stopped and the error thrown again: no port is left open.
 *
 * @throws ConsolePortInUseError when the port is taken
 */
export async function serveWithConsole(
  served: ServedCloud,
  port: number,
): Promise<{ readonly served: ServedCloud; readonly console: ConsoleServer }> {
  let console: ConsoleServer;
  try {
    console = await startConsoleServer(served.cloud, { port });
  } catch (error) {
    await served.stop();
    if ((error as { code?: string }).code === 'EADDRINUSE') throw new ConsolePortInUseError(port);
    throw error;
  }
  return {
    console,
    served: {
      ...served,
      stop: async () => {
        await console.close();
        await served.stop();
      },
    },
  };
}
