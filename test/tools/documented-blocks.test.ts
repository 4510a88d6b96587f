import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { debianAwsCli, notRunHere } from 'local-cloud';
import type { ServingCloud } from '../../tools/cli';
import { describeDocumentedBlocks } from './docs/documented-blocks-suite';
import { servePipeline } from './docs/served-pipeline';

// A suite of its own, apart from the README's walkthrough, so that the two share the workers.
const cli = debianAwsCli();

if (typeof cli === 'string') {
  describe('the documented commands against the local cloud', () => {
    notRunHere('skipping the documented commands', cli);
  });
} else {
  describe('the documented commands, against `npm start -- --serve`', () => {
    const folder = mkdtempSync(join(tmpdir(), 'order-pipeline-documented-'));
    let serving: ServingCloud;

    beforeAll(async () => {
      serving = await servePipeline(folder);
    }, 120_000);

    afterAll(async () => {
      await serving?.stop();
      rmSync(folder, { recursive: true, force: true });
    });

    describeDocumentedBlocks(() => serving.endpoint, join(folder, 'docs'));
  });
}
