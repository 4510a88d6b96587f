#!/usr/bin/env node
// The package runs from its TypeScript sources (a workspace of this repository, not a build):
// ts-node compiles them on the fly, without type checking, which `npm run typecheck` does.
require('ts-node').register({
  transpileOnly: true,
  project: require('node:path').join(__dirname, '..', 'tsconfig.json'),
});
require('../src/cli/main.ts').runAsProcess();
