/**
 * An SNS endpoint in a process of its own, for the durability test to kill with SIGKILL:
 * `durable-child.ts <state dir> <hold|deliver> <deliveries file>`. In `hold` mode no delivery ever
 * completes (every target waits forever), so whatever was acknowledged is still pending when the
 * process dies; in `deliver` mode each delivery is appended to the deliveries file as a JSON line.
 */
import { appendFileSync } from 'node:fs';
import { type DeliveryTargets, SnsService, startSnsServer } from '../../src/sns';

const [stateDir, mode, deliveriesFile] = process.argv.slice(2);

const forever = new Promise<never>(() => {});

function record(target: string, payload: unknown): void {
  appendFileSync(deliveriesFile, `${JSON.stringify({ target, payload })}\n`);
}

const targets: DeliveryTargets =
  mode === 'hold'
    ? {
        sendToQueue: () => forever,
        invokeAsync: () => forever,
        postHttp: () => forever,
        printEmail: () => forever,
      }
    : {
        sendToQueue: async (queueArn, body) => record(queueArn, body),
        invokeAsync: async (functionArn, event) => record(functionArn, event),
        postHttp: async (url, body) => {
          record(url, body);
          return 200;
        },
        printEmail: (email) => record(email.to, email.body),
      };

const service = SnsService.start({ targets, stateDir, retryDelaysMs: [] });
void startSnsServer(service, 0).then((server) => {
  process.stdout.write(`SNS endpoint ready at ${server.endpoint}\n`);
});
