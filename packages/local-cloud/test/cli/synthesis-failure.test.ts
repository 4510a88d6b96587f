import { synthesisFailureLine } from '../../src/cli/synthesis-failure';

const HEADER = 'synthesizing /app with "node app.js" failed (exit code 1):';

describe('a failed synthesis of a watched app, told in one line', () => {
  test('a syntax error names the error and the file and line Node.js names', () => {
    const output = [
      '/app/app.js:12',
      'const broken = (;',
      '                ^',
      '',
      "SyntaxError: Unexpected token ';'",
      '    at wrapSafe (node:internal/modules/cjs/loader:1464:18)',
      '',
      'Node.js v20.20.2',
    ].join('\n');

    expect(synthesisFailureLine(`${HEADER}\n${output}`)).toBe(
      `synthesizing /app with "node app.js" failed (exit code 1): SyntaxError: Unexpected token ';' (at /app/app.js:12)`,
    );
  });

  test("an error thrown by a construct names the app's own frame, not the CDK's", () => {
    const output = [
      '/app/node_modules/aws-cdk-lib/core/lib/errors.js:1',
      'ValidationError: Queue names must be at most 80 characters',
      '    at path [Orders/Inbox] in aws-cdk-lib.aws_sqs.Queue',
      '    at new Queue (/app/node_modules/aws-cdk-lib/aws-sqs/lib/queue.js:1:100)',
      '    at Object.<anonymous> (/app/app.js:14:1)',
    ].join('\n');

    expect(synthesisFailureLine(`${HEADER}\n${output}`)).toBe(
      `synthesizing /app with "node app.js" failed (exit code 1): ValidationError: Queue names must be at most 80 characters (at /app/app.js:14)`,
    );
  });

  test('output without an error line gives its last line; no output gives the header alone', () => {
    expect(synthesisFailureLine(`${HEADER}\nsh: 1: node: not found\n`)).toBe(
      `synthesizing /app with "node app.js" failed (exit code 1): sh: 1: node: not found`,
    );
    expect(synthesisFailureLine(HEADER)).toBe('synthesizing /app with "node app.js" failed (exit code 1)');
  });
});
