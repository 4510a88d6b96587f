import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readTextBody } from '../http-body';
import { AwsError, reportBug, toAwsError } from '../protocol/aws-error';
import { parseQueryRequest, writeQueryError, writeQueryResult } from '../protocol/aws-query';
import type { QueryXmlDialect } from '../protocol/query-xml';
import { signingServiceOf } from '../signing-service';

/** What DescribeStacks tells about a stack the local cloud runs. */
export interface DescribedStack {
  readonly stackName: string;
  /** The stack's outputs with their local values (`cloud.stack.outputs`). */
  readonly outputs: Readonly<Record<string, string>>;
  /** For the stack id, `arn:aws:cloudformation:<region>:<accountId>:stack/<name>/<uuid>`. */
  readonly environment: { readonly accountId: string; readonly region: string; readonly partition: string };
}

/** CloudFormation's Query XML: its namespace, after an XML declaration. */
const CLOUDFORMATION_XML: QueryXmlDialect = {
  namespace: 'http://cloudformation.amazonaws.com/doc/2010-05-15/',
  declaration: '<?xml version="1.0" encoding="UTF-8"?>',
};

/** A DescribeStacks request is a small form; anything larger is not one. */
const MAXIMUM_REQUEST_BYTES = 64 * 1024;

/** The error CloudFormation answers a bad request with. */
function validationError(message: string, httpStatus = 400): AwsError {
  return new AwsError('ValidationError', message, { httpStatus });
}

type Described = ReturnType<typeof describe>[number];

function describe(stacks: readonly DescribedStack[]) {
  const creationTime = new Date().toISOString();
  return stacks.map((stack) => ({
    StackId:
      `arn:${stack.environment.partition}:cloudformation:${stack.environment.region}:` +
      `${stack.environment.accountId}:stack/${stack.stackName}/${randomUUID()}`,
    StackName: stack.stackName,
    CreationTime: creationTime,
    StackStatus: 'CREATE_COMPLETE',
    Outputs: Object.entries(stack.outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
  }));
}

/** DescribeStacks' result: every stack, or the one `StackName` names (by name or id). */
async function describeStacks(request: IncomingMessage, described: readonly Described[]) {
  const body = await readTextBody(request, MAXIMUM_REQUEST_BYTES);
  if (body === undefined)
    throw validationError(`request body larger than ${MAXIMUM_REQUEST_BYTES} bytes`, 413);
  const { action, input } = parseQueryRequest(body, request.url ?? '/', {});
  if (action !== 'DescribeStacks') {
    throw new AwsError(
      'InvalidAction',
      `${action ?? '(no Action)'} is not an action of the local CloudFormation API`,
    );
  }
  const asked = input.StackName;
  const answered =
    asked === undefined
      ? described
      : described.filter((stack) => asked === stack.StackName || asked === stack.StackId);
  if (answered.length === 0) throw validationError(`Stack with id ${asked} does not exist`);
  return { Stacks: answered };
}

/**
 * The CloudFormation API over HTTP, as far as finding the stacks' resources needs: DescribeStacks,
 * answering with each local stack's name, `CREATE_COMPLETE` and its outputs (all of them, or the one
 * `StackName` asks for, by name or id), so
 * `aws cloudformation describe-stacks` and the SDK's CloudFormationClient (`npm run redrive`) find
 * the pipeline's queues and tables locally as they do in AWS.
 *
 * CloudFormation speaks the Query protocol (a form body, `Action=DescribeStacks&StackName=...`, and
 * an XML answer), like SQS's older clients. The body cannot tell them apart before it is read, and
 * a body read here cannot be handed on to SQS; so requests are told apart first by the service
 * their SigV4 signature names (`Credential=<key>/<date>/<region>/cloudformation/aws4_request`),
 * which every AWS CLI and SDK request carries, and then by the action: one not of CloudFormation
 * is refused with `InvalidAction`.
 *
 * @returns a request handler that answers CloudFormation requests and returns false for any other.
 * @example
 * const apis = [lambdaInvokeApi(cloud.lambda, cloud.logs), logsApi(cloud.logs), cloudFormationApi(cloud.stacks)];
 */
export function cloudFormationApi(
  stacks: readonly DescribedStack[],
): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
  const described = describe(stacks);
  return async (request, response) => {
    if (request.method !== 'POST' || signingServiceOf(request) !== 'cloudformation') return false;
    const requestId = randomUUID();
    try {
      const result = await describeStacks(request, described);
      writeQueryResult(response, CLOUDFORMATION_XML, 'DescribeStacks', result, { requestId });
    } catch (thrown) {
      const error = toAwsError(thrown, { onUnexpected: reportBug('local CloudFormation', 'DescribeStacks') });
      writeQueryError(response, CLOUDFORMATION_XML, error, { requestId });
    }
    return true;
  };
}
