import { parseArn } from './arns';
import { invalidParameter } from './errors';
import { isLoopbackUrl } from './loopback-http';
import { PROTOCOLS, type Protocol } from './subscription-attributes';

/** Checks a Subscribe request's protocol name. */
export function checkProtocol(protocol: string): Protocol {
  if (!(PROTOCOLS as readonly string[]).includes(protocol)) {
    throw invalidParameter(
      `Invalid protocol type: ${protocol} (the local SNS delivers to ${PROTOCOLS.join(', ')})`,
    );
  }
  return protocol as Protocol;
}

/**
 * Checks a subscription's endpoint for its protocol, as SNS does (an SQS queue ARN, a Lambda
 * function ARN, an email address, an http(s) URL). The local SNS delivers http(s) only to loopback
 * addresses: it must not post a developer's messages to other machines.
 */
export function checkEndpoint(protocol: Protocol, endpoint: string | undefined): string {
  if (endpoint === undefined || endpoint === '') throw invalidParameter('Endpoint');
  switch (protocol) {
    case 'sqs':
    case 'lambda': {
      const service = protocol === 'sqs' ? 'sqs' : 'lambda';
      const arn = parseArn(endpoint);
      if (arn?.service !== service || arn.resource === '') {
        throw invalidParameter(`${protocol === 'sqs' ? 'SQS' : 'Lambda'} endpoint ARN`);
      }
      return endpoint;
    }
    case 'email':
    case 'email-json':
      if (!/^[^@\s]+@[^@\s]+$/.test(endpoint)) throw invalidParameter('Email address');
      return endpoint;
    default:
      return checkUrl(protocol, endpoint);
  }
}

function checkUrl(protocol: 'http' | 'https', endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw invalidParameter('Endpoint');
  }
  if (url.protocol !== `${protocol}:`) throw invalidParameter(`Endpoint: must start with ${protocol}://`);
  if (!isLoopbackUrl(url)) {
    throw invalidParameter(
      `Endpoint Reason: the local SNS delivers ${protocol} only to loopback addresses (127.0.0.1, localhost, [::1]), not ${url.hostname}`,
    );
  }
  return endpoint;
}
