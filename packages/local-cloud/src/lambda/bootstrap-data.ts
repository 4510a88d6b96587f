import { functionLayerDirectories } from './function-environment';
import type { FunctionInstanceOptions } from './function-instance-options';
import {
  DEFAULT_RUNTIME_MODULE_PATHS,
  layerModulePaths,
  nodeRuntimeFeatures,
  sdkV2Endpoints,
} from './node-runtime';
import type { BootstrapData } from './runtime-bootstrap';

/** What a function instance's worker starts with: the function, and what its runtime provides and accepts. */
export function bootstrapData(options: FunctionInstanceOptions): BootstrapData {
  const { definition } = options;
  const features = nodeRuntimeFeatures(definition.runtime);
  const layerDirectories = functionLayerDirectories(definition);
  return {
    codeDirectory: definition.codeDirectory,
    handler: definition.handler,
    functionName: definition.functionName,
    functionArn: definition.functionArn,
    memorySizeMb: definition.memorySizeMb,
    logGroupName: definition.logGroupName,
    logStreamName: options.logStreamName,
    callbackHandlers: features.callbackHandlers,
    providedModules: {
      runtime: definition.runtime,
      packages: features.providedPackages,
      searchPaths: options.runtimeModulePaths ?? DEFAULT_RUNTIME_MODULE_PATHS,
      installHint: features.installHint,
      sdkV2Endpoints: sdkV2Endpoints(options.environment),
    },
    layers: { directories: layerDirectories, modulePaths: layerModulePaths(layerDirectories) },
  };
}
