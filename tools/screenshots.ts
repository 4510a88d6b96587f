#!/usr/bin/env node
/**
 * `npm run screenshots`: runs the console's browser tests, which screenshot each view of the web
 * console during the lecture's demo, and has them copy the pictures to `docs/images/console-*.png`
 * for the README. Exits with jest's exit code.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { COPY_SCREENSHOTS_TO_DOCS_VARIABLE, DOCS_IMAGE_DIRECTORY } from '../test/console/support/screenshots';

const REPOSITORY = resolve(__dirname, '..');

/** The suites that take the screenshots. */
const SCREENSHOT_SUITES = ['test/console/'];

function main(): number {
  const jest = spawnSync(
    process.execPath,
    [
      join(REPOSITORY, 'node_modules', 'jest', 'bin', 'jest.js'),
      '--selectProjects',
      'e2e',
      ...SCREENSHOT_SUITES,
    ],
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
