import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import { JSON_1_0_CONTENT_TYPE, RequestSigner } from '../../src/sqs/request-signer';

const CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'signer-secret',
};
const REGION = 'eu-west-1';
const TARGET = 'AmazonSQS.ReceiveMessage';
const BODY = '{"QueueUrl":"http://127.0.0.1:9324/000000000000/orders","MaxNumberOfMessages":10}';

/** The Authorization header the SDK's own SigV4 signer computes for the same request at `date`. */
async function sdkAuthorization(endpoint: URL, date: Date): Promise<string> {
  const signer = new SignatureV4({
    credentials: CREDENTIALS,
    region: REGION,
    service: 'sqs',
    sha256: Sha256,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      port: Number(endpoint.port),
      path: endpoint.pathname,
      headers: { 'content-type': JSON_1_0_CONTENT_TYPE, host: endpoint.host, 'x-amz-target': TARGET },
      body: BODY,
    }),
    { signingDate: date },
  );
  return String(signed.headers.authorization);
}

describe('RequestSigner', () => {
  afterEach(() => jest.useRealTimers());

  test.each(['http://127.0.0.1:9324', 'http://localhost:4566/sqs-prefix'])(
    'signs an AWS JSON 1.0 request to %s exactly as the SDK signer does',
    async (endpoint) => {
      const now = new Date('2026-11-30T08:15:42.123Z');
      jest.useFakeTimers({ now });
      const url = new URL(endpoint);
      const signer = new RequestSigner({ endpoint: url, region: REGION, credentials: CREDENTIALS });

      const signature = signer.sign(TARGET, BODY);

      expect(signature.amzDate).toBe('20261130T081542Z');
      expect(signature.authorization).toBe(await sdkAuthorization(url, now));
    },
  );

  test('derives a new signing key when the day changes', async () => {
    const url = new URL('http://127.0.0.1:9324');
    const signer = new RequestSigner({ endpoint: url, region: REGION, credentials: CREDENTIALS });
    jest.useFakeTimers({ now: new Date('2026-11-30T23:59:59Z') });
    signer.sign(TARGET, BODY);
    const nextDay = new Date('2026-12-01T00:00:01Z');

    jest.setSystemTime(nextDay);
    const signature = signer.sign(TARGET, BODY);

    expect(signature.authorization).toContain('Credential=AKIDEXAMPLE/20261201/eu-west-1/sqs/aws4_request');
    expect(signature.authorization).toBe(await sdkAuthorization(url, nextDay));
  });
});
