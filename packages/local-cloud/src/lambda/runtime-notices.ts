import type { LocalFunctionDefinition } from '../assembly/local-stack';

/** A one-line notice for each function whose template runtime differs from the Node.js that runs it locally. */
export function runtimeNotices(functions: readonly LocalFunctionDefinition[]): string[] {
  const local = `nodejs${process.versions.node.split('.')[0]}.x`;
  return functions
    .filter((definition) => definition.runtime !== local)
    .map(
      (definition) =>
        `${definition.logicalId}: the template asks for ${definition.runtime}; it runs locally on Node.js ${process.versions.node}`,
    );
}
