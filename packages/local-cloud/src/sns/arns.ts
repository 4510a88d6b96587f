import { invalidParameter } from './errors';

/** Where the local SNS lives: its ARNs carry this account and region. */
export interface SnsLocation {
  readonly accountId: string;
  readonly region: string;
}

/** The parts of an ARN: `arn:<partition>:<service>:<region>:<account>:<resource>`. */
export interface ParsedArn {
  readonly service: string;
  readonly region: string;
  readonly accountId: string;
  readonly resource: string;
}

/** Parses an ARN, or gives undefined when the text is not one. */
export function parseArn(text: string): ParsedArn | undefined {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || parts[2] === '') return undefined;
  return {
    service: parts[2],
    region: parts[3],
    accountId: parts[4],
    resource: parts.slice(5).join(':'),
  };
}

/** A topic's ARN. */
export function topicArn(location: SnsLocation, name: string): string {
  return `arn:aws:sns:${location.region}:${location.accountId}:${name}`;
}

/**
 * The topic ARN a request names, checked for its form: SNS answers a malformed one with
 * `Invalid parameter: TopicArn` rather than NotFound.
 */
export function requireTopicArn(text: string | undefined, parameter = 'TopicArn'): string {
  const arn = text === undefined ? undefined : parseArn(text);
  if (arn === undefined || arn.service !== 'sns' || arn.resource === '' || arn.resource.includes(':')) {
    throw invalidParameter(parameter);
  }
  return text as string;
}

/** The topic a subscription ARN (`<topic arn>:<id>`) belongs to. */
export function topicOfSubscription(subscriptionArn: string): string {
  return subscriptionArn.slice(0, subscriptionArn.lastIndexOf(':'));
}
