import { delimiter } from 'node:path';
import {
  LOCAL_CREDENTIALS,
  type LocalEnvironment,
  serviceEndpointVariables,
} from '../assembly/local-environment';
import type { LocalFunctionDefinition } from '../assembly/local-stack';
import { layerModulePaths } from './node-runtime';

/**
 * The whole `process.env` of a function instance: what Lambda sets, the template's variables
 * resolved to local values, dummy credentials, and endpoint overrides that point the AWS SDK v3 at
 * the local services (`AWS_ENDPOINT_URL_<SERVICE>`, and `AWS_ENDPOINT_URL` behind a gateway). Nothing is inherited from the host's environment,
 * so a developer's real AWS credentials or profile never reach a local function.
 */
export function functionEnvironment(
  definition: LocalFunctionDefinition,
  environment: LocalEnvironment,
  logStreamName: string,
): Record<string, string> {
  const layerPaths = layerModulePaths(functionLayerDirectories(definition));
  // Lambda refuses templates that set its reserved variables, so the platform's values come last.
  return {
    // As on Lambda, whose NODE_PATH lists the layers' folders under /opt; a template's own NODE_PATH wins.
    ...(layerPaths.length === 0 ? {} : { NODE_PATH: layerPaths.join(delimiter) }),
    ...definition.environment,
    AWS_REGION: environment.region,
    AWS_DEFAULT_REGION: environment.region,
    ...LOCAL_CREDENTIALS,
    AWS_LAMBDA_FUNCTION_NAME: definition.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(definition.memorySizeMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_LOG_GROUP_NAME: definition.logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_EXECUTION_ENV: `AWS_Lambda_${definition.runtime}`,
    LAMBDA_TASK_ROOT: definition.codeDirectory,
    _HANDLER: definition.handler,
    ...serviceEndpointVariables(environment),
    // Keeps the SDK from reading ~/.aws files of the host.
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    // The template's runtime is newer than this machine's Node.js; the startup notice says so once,
    // instead of the SDK warning in every instance's log.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/** The asset folders of the function's layers that are in the stack, in the template's order. */
export function functionLayerDirectories(definition: LocalFunctionDefinition): string[] {
  return (definition.layers ?? []).flatMap((layer) => layer.contentDirectory ?? []);
}
