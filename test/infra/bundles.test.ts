import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { STACK_NAME } from '../../lib/order-pipeline-app';
import { pipelineAssembly } from '../support/pipeline-assembly';

/** Reads the app synthesized with bundling, as `cdk synth` and `npm start` make it, and checks what would be shipped. */
describe('the bundled functions', () => {
  const outdir = pipelineAssembly();
  const template = JSON.parse(readFileSync(join(outdir, `${STACK_NAME}.template.json`), 'utf8'));
  const resources = template.Resources as Record<
    string,
    { Type: string; Properties: { Code: { S3Key: string } } }
  >;
  // The S3 key of a bundle is `<hash>.zip`; the cloud assembly keeps it unzipped as `asset.<hash>`.
  const functions = Object.entries(resources)
    .filter(([, resource]) => resource.Type === 'AWS::Lambda::Function')
    .map(([logicalId, resource]) => ({
      logicalId,
      assetPath: join(outdir, `asset.${resource.Properties.Code.S3Key.replace(/\.zip$/, '')}`),
    }));

  test('there is one bundle per function', () => {
    expect(functions.map(({ logicalId }) => logicalId.replace(/[0-9A-F]{8}$/, '')).sort()).toStrictEqual([
      'FailedOrders',
      'GenerateOrders',
      'ProcessOrders',
    ]);
  });

  test.each(['GenerateOrders', 'ProcessOrders', 'FailedOrders'])(
    '%s loads in a fresh Node.js process with no node_modules and exports its handler',
    (name) => {
      const fn = functions.find(({ logicalId }) => logicalId.startsWith(name));
      if (fn === undefined) throw new Error(`no function ${name}`);
      const bundle = join(fn.assetPath, 'index.js');
      expect(statSync(bundle).size).toBeGreaterThan(0);
      const run = spawnSync(
        process.execPath,
        [
          '-e',
          `const m = require(${JSON.stringify(bundle)}); if (typeof m.handler !== 'function') process.exit(3);`,
        ],
        {
          cwd: fn.assetPath,
          env: {
            PATH: process.env.PATH,
            // The bundle must carry its dependencies: nothing may resolve from the repo's node_modules.
            NODE_PATH: '',
            AWS_REGION: 'us-east-1',
            ORDERS_QUEUE_URL: 'http://127.0.0.1:1/000000000000/orders',
            DEAD_LETTER_QUEUE_URL: 'http://127.0.0.1:1/000000000000/dlq',
            ORDERS_TABLE_NAME: 'orders',
            REJECTED_ORDERS_TABLE_NAME: 'rejected',
          },
          encoding: 'utf8',
        },
      );
      // The SDK warns on stderr that it will want Node.js 22 from 2027; any error is a failure.
      expect(run.stderr).not.toMatch(/Error|Cannot find module/);
      expect(run.status).toBe(0);
    },
  );
});
