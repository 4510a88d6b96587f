import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCloudAssembly, type StackArtifact } from '../../src/assembly';
import type { TemplateResource } from '../../src/assembly/template';

/**
 * Writes a cloud assembly into `directory` as `app.synth()` leaves one: a stack `Test` holding
 * `resources`, and for each name of `assets` a bundled folder `asset.<name>` (with an `index.js`)
 * that the asset manifest publishes as `<name>.zip`. Answers the stack.
 */
export function writeAssembly(
  directory: string,
  resources: Record<string, TemplateResource>,
  assets: readonly string[],
): StackArtifact {
  const files: Record<string, unknown> = {};
  for (const name of assets) {
    mkdirSync(join(directory, `asset.${name}`));
    writeFileSync(join(directory, `asset.${name}`, 'index.js'), 'exports.handler = async () => 1;');
    files[name] = {
      source: { path: `asset.${name}`, packaging: 'zip' },
      destinations: { current: { bucketName: 'bucket', objectKey: `${name}.zip` } },
    };
  }
  writeFileSync(join(directory, 'Test.template.json'), JSON.stringify({ Resources: resources }));
  writeFileSync(join(directory, 'Test.assets.json'), JSON.stringify({ version: '55.0.0', files }));
  writeFileSync(
    join(directory, 'manifest.json'),
    JSON.stringify({
      version: '55.0.0',
      artifacts: {
        'Test.assets': { type: 'cdk:asset-manifest', properties: { file: 'Test.assets.json' } },
        Test: {
          type: 'aws:cloudformation:stack',
          properties: { templateFile: 'Test.template.json' },
          dependencies: ['Test.assets'],
        },
      },
    }),
  );
  return readCloudAssembly(directory).stack('Test');
}
