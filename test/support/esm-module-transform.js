const { transformSync } = require('esbuild');

/**
 * A jest transform that compiles an ES module (`.mjs`) to CommonJS with esbuild, so the tests, which
 * jest runs as CommonJS, can load ESM-only packages the functions import (the bundles need no such
 * step: esbuild bundles ESM). jest.config.js applies it to `.mjs` files, in node_modules to
 * `@aws-lite/*` only.
 */
module.exports = {
  process(sourceText, sourcePath) {
    const { code, map } = transformSync(sourceText, {
      format: 'cjs',
      loader: 'js',
      target: 'node20',
      sourcefile: sourcePath,
      sourcemap: 'external',
    });
    return { code, map };
  },
};
