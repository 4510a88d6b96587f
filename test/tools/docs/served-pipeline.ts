import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { type ServingCloud, serveLocally } from '../../../tools/cli';
import { parseRunOptions } from '../../../tools/run-options';
import { pipelineAssembly } from '../../support/pipeline-assembly';

/**
 * The pipeline served as `npm start -- --serve --port 0` serves it, from the run's shared assembly,
 * with its log files under `folder`: what the README's commands and the docs' blocks run against.
 */
export async function servePipeline(folder: string): Promise<ServingCloud> {
  const options = parseRunOptions(['--serve', '--port', '0']);
  if (options === 'help') throw new Error('unexpected --help');
  return serveLocally(options, new PassThrough() as unknown as NodeJS.WriteStream, {
    assemblyDirectory: pipelineAssembly(),
    logsRoot: join(folder, 'logs'),
    synthesized: true,
  });
}
