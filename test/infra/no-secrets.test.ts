import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_CREDENTIALS, LOCAL_ENVIRONMENT_DEFAULTS } from 'local-cloud';
import { FAKE_ACCOUNT_IDS, FAKE_SECRET_ACCESS_KEYS, findSecrets } from './secret-scan';

const REPOSITORY = join(__dirname, '..', '..');

/** The committed files (node_modules is never committed), text only. */
function committedTextFiles(): { path: string; text: string }[] {
  const paths = execFileSync('git', ['ls-files', '-z'], { cwd: REPOSITORY, encoding: 'utf8' })
    .split('\0')
    .filter((path) => path !== '' && !path.startsWith('node_modules/'));
  return paths.flatMap((path) => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(REPOSITORY, path));
    } catch {
      return []; // listed but deleted in the working tree
    }
    return bytes.includes(0) ? [] : [{ path, text: bytes.toString('utf8') }];
  });
}

// Built at run time so this file holds no string that looks like a secret itself.
const fakeAccessKeyId = ['AK', 'IA', 'Z'.repeat(16)].join('');
const fakeSecret = 'abcdEFGH1234/+ijklMNOP5678qrstUVWX90yzAB';
const fakeAccount = ['5', '4'.repeat(10), '5'].join('');

describe('the secret scan', () => {
  test.each([
    ['an account id in an ARN', `arn:aws:sqs:eu-west-1:${fakeAccount}:Orders`, 'account id'],
    [
      'an account id in a queue URL',
      `https://sqs.eu-west-1.amazonaws.com/${fakeAccount}/Orders`,
      'account id',
    ],
    ['an account id in a local queue URL', `http://127.0.0.1:4566/${fakeAccount}/Orders`, 'account id'],
    ['an account id as context', `cdk deploy -c account=${fakeAccount}`, 'account id'],
    ['an accountId property', `{ "accountId": "${fakeAccount}" }`, 'account id'],
    ['an access key id', `export AWS_ACCESS_KEY_ID=${fakeAccessKeyId}`, 'access key id'],
    [
      'an aws_secret_access_key in a credentials file',
      `aws_secret_access_key = ${fakeSecret}`,
      'secret access key',
    ],
    ['a secretAccessKey in code', `credentials: { secretAccessKey: '${fakeSecret}' }`, 'secret access key'],
    ['a private key', ['-----BEGIN RSA', 'PRIVATE KEY-----'].join(' '), 'private key'],
  ])('finds %s', (_name, text, kind) => {
    expect(findSecrets('example.txt', `first line\n${text}\n`)).toStrictEqual([
      expect.objectContaining({ path: 'example.txt', line: 2, kind }),
    ]);
  });

  test("recognises the local cloud's account id and credentials as the documented fakes", () => {
    expect(FAKE_ACCOUNT_IDS).toHaveProperty(LOCAL_ENVIRONMENT_DEFAULTS.accountId);
    expect(FAKE_SECRET_ACCESS_KEYS).toHaveProperty(LOCAL_CREDENTIALS.AWS_SECRET_ACCESS_KEY);
    const local = [
      `arn:aws:sqs:us-east-1:${LOCAL_ENVIRONMENT_DEFAULTS.accountId}:OrderPipeline-Orders`,
      `AWS_ACCESS_KEY_ID=${LOCAL_CREDENTIALS.AWS_ACCESS_KEY_ID}`,
      `AWS_SECRET_ACCESS_KEY: '${LOCAL_CREDENTIALS.AWS_SECRET_ACCESS_KEY}'`,
      "credentials: { accessKeyId: 'test', secretAccessKey: 'test' }",
    ].join('\n');
    expect(findSecrets('local.ts', local)).toStrictEqual([]);
  });

  test('ignores 12-digit numbers that are no account id (timestamps, order ids)', () => {
    expect(
      findSecrets('x.json', '"SentTimestamp": "172000000012", "orderId": "5ff8fa2d-8000-000000000014"'),
    ).toStrictEqual([]);
  });
});

test('no AWS account id and no secret is in any committed file', () => {
  const files = committedTextFiles();
  expect(files.length).toBeGreaterThan(100);
  expect(files.flatMap(({ path, text }) => findSecrets(path, text))).toStrictEqual([]);
});
