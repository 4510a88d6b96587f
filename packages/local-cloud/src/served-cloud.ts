import { LocalCloud, type LocalCloudOptions } from './cloud';
import type { Gateway } from './gateway';

/** A local cloud kept running behind one gateway port until {@link stop}. */
export interface ServedCloud {
  readonly endpoint: string;
  readonly cloud: LocalCloud;
  /** Closes the port, then stops the cloud, then runs the caller's own cleanup. */
  stop(): Promise<void>;
}

/**
 * Starts a cloud behind a gateway that is already bound (so its queue URLs, outputs and functions'
 * endpoints carry the gateway's address) and routes the gateway to it. If the start fails, what was
 * started is undone, `afterStop` included, and the error is thrown again: no port is left open.
 *
 * @param afterStop the caller's own cleanup, such as stopping a clock checkpoint
 * @example
 * const served = await startServedCloud(await startGateway(4566), { assemblyDirectory, stackName, clock });
 * await served.stop();
 */
export async function startServedCloud(
  gateway: Gateway,
  options: Omit<LocalCloudOptions, 'publicEndpoint'>,
  afterStop: () => void = () => undefined,
): Promise<ServedCloud> {
  let cloud: LocalCloud;
  try {
    cloud = await LocalCloud.start({ ...options, publicEndpoint: gateway.endpoint });
  } catch (error) {
    afterStop();
    await gateway.close();
    throw error;
  }
  gateway.serve(cloud);
  return {
    endpoint: gateway.endpoint,
    cloud,
    stop: async () => {
      await gateway.close();
      await cloud.stop();
      afterStop();
    },
  };
}
