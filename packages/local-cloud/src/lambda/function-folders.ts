import type { LocalFunctionDefinition } from '../assembly/local-stack';

/**
 * The folders a function's instances read files from: its code, then its layers' content, in the
 * template's order. A layer from outside the stack has no folder here and is `undefined`, so that
 * the positions of two definitions' folders still match.
 */
export function functionFolders(definition: LocalFunctionDefinition): (string | undefined)[] {
  return [definition.codeDirectory, ...(definition.layers ?? []).map((layer) => layer.contentDirectory)];
}
