/**
 * local-aws-sqs 2.0.2 (an npm SQS emulator, the baseline the SQS endpoint's throughput target is
 * set against) on 127.0.0.1, in a process of its own as `bench/sqs-endpoint-process.ts` starts it.
 * It prints `ready at <url>` as `npm run sqs` does. Not part of the local cloud.
 */
import type { AddressInfo } from 'node:net';
import { createSqsServer } from 'local-aws-sqs';

createSqsServer({ port: 0, hostname: '127.0.0.1' }).then(
  (server) => {
    const { port } = server.address() as AddressInfo;
    process.stdout.write(`local-aws-sqs ready at http://127.0.0.1:${port}\n`);
  },
  (error: unknown) => {
    process.stderr.write(`local-aws-sqs did not start: ${String(error)}\n`);
    process.exit(1);
  },
);
