import { nodeMajorVersion, nodeRuntimeFeatures } from '../../src/lambda';

describe('Lambda Node.js runtimes', () => {
  test('reads the major Node.js version of a runtime name, and nothing from another language', () => {
    expect(
      ['nodejs24.x', 'nodejs16.x', 'nodejs4.3', 'nodejs', 'python3.13'].map(nodeMajorVersion),
    ).toStrictEqual([24, 16, 4, 0, undefined]);
  });

  test('nodejs18.x and later provide the AWS SDK v3 and, up to nodejs22.x, callback handlers', () => {
    expect(nodeRuntimeFeatures('nodejs22.x')).toStrictEqual({
      runtime: 'nodejs22.x',
      providedPackages: ['@aws-sdk', '@smithy'],
      installHint: 'npm install --save-dev <package>',
      callbackHandlers: true,
    });
    expect(nodeRuntimeFeatures('nodejs24.x').callbackHandlers).toBe(false);
  });

  test('nodejs16.x and older provide the AWS SDK v2', () => {
    expect(nodeRuntimeFeatures('nodejs16.x')).toMatchObject({
      providedPackages: ['aws-sdk'],
      installHint: expect.stringMatching(/^npm install --save-dev aws-sdk /),
      callbackHandlers: true,
    });
  });
});
