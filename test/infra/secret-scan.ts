/**
 * Finds AWS account ids and secrets in text: what must never be committed. Pure, so the test that
 * scans the repository and the tests of the patterns themselves share it.
 */

/** One thing found, with where. */
export interface SecretFinding {
  readonly path: string;
  readonly line: number;
  readonly kind: 'account id' | 'access key id' | 'secret access key' | 'private key';
  readonly value: string;
}

/**
 * Account ids that are fakes by design, by value, each with the reason it may appear.
 */
export const FAKE_ACCOUNT_IDS: Readonly<Record<string, string>> = {
  '000000000000': "the local cloud's AWS::AccountId (LOCAL_ENVIRONMENT_DEFAULTS.accountId)",
  '123456789012': "AWS documentation's example account id, used in unit-test ARNs and queue URLs",
  '111122223333': "AWS documentation's other example account id",
  '111111111111': 'a repeated digit that the local SQS tests use as an obviously fake account',
};

/**
 * Secret access key values that are fakes by design, by value. Values shorter than
 * {@link SHORTEST_SUSPECT_SECRET} (`test`, `local`, ...) cannot be real keys and need no entry.
 */
export const FAKE_SECRET_ACCESS_KEYS: Readonly<Record<string, string>> = {
  'local-cloud-secret-access-key':
    'LOCAL_CREDENTIALS.AWS_SECRET_ACCESS_KEY: the local services accept any credentials and never check them',
};

/** A real secret access key has 40 characters; anything this long assigned to one is suspect. */
export const SHORTEST_SUSPECT_SECRET = 16;

const ACCOUNT_ID_CONTEXTS: readonly RegExp[] = [
  // The account field of an ARN: arn:partition:service:region:ACCOUNT:resource
  /\barn:[a-z-]+:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/g,
  // The account segment of a queue URL, on AWS or on a local endpoint.
  /(?:amazonaws\.com|:\d{2,5})\/(\d{12})\//g,
  // accountId: '…', "AccountId": "…", AWS_ACCOUNT_ID=…, --account …, account = …
  /account[-_ ]?(?:id)?["']?\s*[:=\s]\s*["']?(\d{12})(?!\d)/gi,
];

const ACCESS_KEY_ID = /\b((?:AKIA|ASIA)[A-Z0-9]{16})\b/g;

// A literal assigned to a secret access key: quoted (`secretAccessKey: '…'`, `"SecretAccessKey": "…"`),
// or bare in a credentials or env file (`aws_secret_access_key = …`, `AWS_SECRET_ACCESS_KEY=…`).
// A reference such as `LOCAL_CREDENTIALS.AWS_SECRET_ACCESS_KEY` is no literal.
const SECRET_ACCESS_KEY: readonly RegExp[] = [
  /secret[-_]?access[-_]?key["']?\s*[:=]\s*(["'`])(?<secret>[^"'`\s]+)\1/gi,
  /secret[-_]?access[-_]?key\s*=\s*(?<secret>[A-Za-z0-9/+=]+)(?![\w.])/gi,
];

const PRIVATE_KEY = /-----BEGIN ((?:[A-Z]+ )*PRIVATE KEY)-----/g;

/** Every account id (other than the fakes) and every secret in `text`, which came from `path`. */
export function findSecrets(path: string, text: string): SecretFinding[] {
  const findings: SecretFinding[] = [];
  const lines = text.split('\n');
  lines.forEach((content, index) => {
    const found = (kind: SecretFinding['kind'], value: string) =>
      findings.push({ path, line: index + 1, kind, value });
    for (const pattern of ACCOUNT_ID_CONTEXTS) {
      for (const [, accountId] of content.matchAll(pattern)) {
        if (!(accountId in FAKE_ACCOUNT_IDS)) found('account id', accountId);
      }
    }
    for (const [, keyId] of content.matchAll(ACCESS_KEY_ID)) found('access key id', keyId);
    for (const pattern of SECRET_ACCESS_KEY) {
      for (const match of content.matchAll(pattern)) {
        const secret = match.groups?.secret ?? '';
        // `${…}` in a template literal is a reference to a value, not a literal secret.
        const reference = secret.startsWith('${');
        if (secret.length >= SHORTEST_SUSPECT_SECRET && !reference && !(secret in FAKE_SECRET_ACCESS_KEYS)) {
          found('secret access key', secret);
        }
      }
    }
    for (const [, header] of content.matchAll(PRIVATE_KEY)) found('private key', header);
  });
  // A value matched by two patterns is one finding.
  return findings.filter(
    (finding, index) =>
      findings.findIndex(
        (other) =>
          other.line === finding.line && other.kind === finding.kind && other.value === finding.value,
      ) === index,
  );
}
