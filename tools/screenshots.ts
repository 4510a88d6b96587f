#!/usr/bin/env node
/**
 * `npm run screenshots`: runs the console's browser test of the lecture's demo, which screenshots
 * each view of the web console, and has it copy the pictures to `docs/images/console-*.png` for the
 * README. Exits with jest's exit code.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { COPY_SCREENSHOTS_TO_DOCS_VARIABLE, DOCS_IMAGE_DIRECTORY } from '../test/console/support/screenshots';

const REPOSITORY = resolve(__dirname, '..');

/** The suite that takes the screenshots, as an absolute path (a bare one would match the package's too). */
const SCREENSHOT_SUITE = join(REPOSITORY, 'test', 'console', 'demo.test.ts');

function main(): number {
  const jest = spawnSync(
    process.execPath,
    [join(REPOSITORY, 'node_modules', 'jest', 'bin', 'jest.js'), '--runTestsByPath', SCREENSHOT_SUITE],
    {
      cwd: REPOSITORY,
      stdio: 'inherit',
      env: { ...process.env, [COPY_SCREENSHOTS_TO_DOCS_VARIABLE]: '1' },
    },
  );
  if (jest.error !== undefined) throw jest.error;
  const written = existsSync(DOCS_IMAGE_DIRECTORY) ? readdirSync(DOCS_IMAGE_DIRECTORY) : [];
  const pictures = written.filter((name) => /^console-.*\.png$/.test(name));
  process.stdout.write(
    `\n${pictures.length} picture(s) in ${relative(REPOSITORY, DOCS_IMAGE_DIRECTORY)}/: ${pictures.join(', ')}\n`,
  );
  return jest.status ?? 1;
}

process.exitCode = main();
