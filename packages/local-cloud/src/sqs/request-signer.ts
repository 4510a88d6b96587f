import { createHmac, hash } from 'node:crypto';

/** The key pair a request is signed with. The local endpoint reads only the key id, as SenderId. */
export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** The two headers that carry a request's SigV4 signature. */
export interface SignatureHeaders {
  /** `X-Amz-Date`, e.g. `20261130T081500Z`. */
  readonly amzDate: string;
  readonly authorization: string;
}

/** The content type of AWS JSON 1.0 requests and responses. */
export const JSON_1_0_CONTENT_TYPE = 'application/x-amz-json-1.0';

const SIGNED_HEADERS = 'content-type;host;x-amz-date;x-amz-target';

/** Options of a {@link RequestSigner}. */
export interface RequestSignerOptions {
  /** The endpoint requests go to: its host is the signed `Host` header, its path the signed path. */
  readonly endpoint: URL;
  readonly region: string;
  readonly credentials: SigningCredentials;
  /** The signing name of the service. @default 'sqs' */
  readonly service?: string;
}

/**
 * SigV4 for AWS JSON 1.0 POSTs, as the SDK signs them: `Content-Type`, `Host`, `X-Amz-Date` and
 * `X-Amz-Target` signed, the payload hashed into the canonical request. The signing key is derived
 * once per day, so a request costs two SHA-256 and one HMAC. The sender must send exactly the
 * signed headers: the endpoint's host and path, and {@link JSON_1_0_CONTENT_TYPE}.
 *
 * @example
 * const signer = new RequestSigner({ endpoint: new URL('http://127.0.0.1:9324'), region: 'us-east-1', credentials });
 * const { amzDate, authorization } = signer.sign('AmazonSQS.ReceiveMessage', body);
 */
export class RequestSigner {
  private readonly host: string;
  private readonly path: string;
  private readonly region: string;
  private readonly service: string;
  private readonly credentials: SigningCredentials;
  private keyDate = '';
  private key: Buffer = Buffer.alloc(0);

  constructor(options: RequestSignerOptions) {
    this.host = options.endpoint.host;
    this.path = options.endpoint.pathname;
    this.region = options.region;
    this.service = options.service ?? 'sqs';
    this.credentials = options.credentials;
  }

  /** The signature headers of a request to `target` with `body`, signed now. */
  sign(target: string, body: string): SignatureHeaders {
    const amzDate = new Date()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    const date = amzDate.slice(0, 8);
    const scope = `${date}/${this.region}/${this.service}/aws4_request`;
    const canonical = `POST\n${this.path}\n\ncontent-type:${JSON_1_0_CONTENT_TYPE}\nhost:${this.host}\nx-amz-date:${amzDate}\nx-amz-target:${target}\n\n${SIGNED_HEADERS}\n${hash('sha256', body, 'hex')}`;
    const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${hash('sha256', canonical, 'hex')}`;
    const signature = createHmac('sha256', this.signingKey(date)).update(stringToSign).digest('hex');
    return {
      amzDate,
      authorization: `AWS4-HMAC-SHA256 Credential=${this.credentials.accessKeyId}/${scope}, SignedHeaders=${SIGNED_HEADERS}, Signature=${signature}`,
    };
  }

  private signingKey(date: string): Buffer {
    if (date !== this.keyDate) {
      let key: Buffer = createHmac('sha256', `AWS4${this.credentials.secretAccessKey}`).update(date).digest();
      for (const part of [this.region, this.service, 'aws4_request'])
        key = createHmac('sha256', key).update(part).digest();
      this.key = key;
      this.keyDate = date;
    }
    return this.key;
  }
}
