import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { createOrderPipelineApp, STACK_NAME } from '../../../lib/order-pipeline-app';
import type { OrdersStackProps } from '../../../lib/orders-stack';
import { eventSourceMappingDefinitions, readCloudAssembly } from '../../../local/assembly';
import { TEST_ENVIRONMENT } from './template-factory';

/** Synth without bundling: event source mappings need no code. Busy machines take several times longer. */
const SYNTH_TIMEOUT_MS = 120_000;

function processOrdersMapping(stackProps: OrdersStackProps, outdir: string) {
  createOrderPipelineApp({ outdir, context: { 'aws:cdk:bundling-stacks': [] } }, stackProps).app.synth();
  const stack = readCloudAssembly(outdir).stack(STACK_NAME);
  const mappings = eventSourceMappingDefinitions(stack, TEST_ENVIRONMENT);
  return mappings.find((mapping) => mapping.logicalId.startsWith('ProcessOrders'));
}

describe('parity with the stack props', () => {
  let outdir: string;

  beforeEach(() => {
    outdir = mkdtempSync(join(tmpdir(), 'local-parity-'));
  });

  afterEach(() => {
    rmSync(outdir, { recursive: true, force: true });
  });

  test(
    "ProcessOrders' local event source mapping follows batch size, window and maxConcurrency from the stack props",
    () => {
      const mapping = processOrdersMapping(
        { batchSize: 25, maxBatchingWindow: Duration.seconds(2), maxConcurrency: 3 },
        outdir,
      );

      expect(mapping).toMatchObject({
        batchSize: 25,
        maximumBatchingWindowSeconds: 2,
        maximumConcurrency: 3,
        reportBatchItemFailures: true,
      });
    },
    SYNTH_TIMEOUT_MS,
  );
});
