import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readTextBody } from '../http-body';
import { queryErrorResponse, queryResponse } from '../query-xml';
import { signingServiceOf } from '../signing-service';

/** What DescribeStacks tells about a stack the local cloud runs. */
export interface DescribedStack {
  readonly stackName: string;
  /** The stack's outputs with their local values (`cloud.stack.outputs`). */
  readonly outputs: Readonly<Record<string, string>>;
  /** For the stack id, `arn:aws:cloudformation:<region>:<accountId>:stack/<name>/<uuid>`. */
  readonly environment: { readonly accountId: string; readonly region: string; readonly partition: string };
}

/** The XML namespace of every CloudFormation Query response. */
const CLOUDFORMATION_XML_NAMESPACE = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

/** A DescribeStacks request is a small form; anything larger is not one. */
const MAXIMUM_REQUEST_BYTES = 64 * 1024;

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
  const creationTime = new Date().toISOString();
  const described = stacks.map((stack) => ({
    StackId:
      `arn:${stack.environment.partition}:cloudformation:${stack.environment.region}:` +
      `${stack.environment.accountId}:stack/${stack.stackName}/${randomUUID()}`,
    StackName: stack.stackName,
    CreationTime: creationTime,
    StackStatus: 'CREATE_COMPLETE',
    Outputs: Object.entries(stack.outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
  }));
  return async (request, response) => {
    if (request.method !== 'POST' || !isSignedForCloudFormation(request)) return false;
    const body = await readTextBody(request, MAXIMUM_REQUEST_BYTES);
    if (body === undefined) {
      sendError(response, 413, 'ValidationError', `request body larger than ${MAXIMUM_REQUEST_BYTES} bytes`);
      return true;
    }
    const form = new URLSearchParams(body);
    const action = form.get('Action');
    if (action !== 'DescribeStacks') {
      sendError(
        response,
        400,
        'InvalidAction',
        `${action ?? '(no Action)'} is not an action of the local CloudFormation API`,
      );
      return true;
    }
    const asked = form.get('StackName');
    const answered =
      asked === null
        ? described
        : described.filter((stack) => asked === stack.StackName || asked === stack.StackId);
    if (answered.length === 0) {
      sendError(response, 400, 'ValidationError', `Stack with id ${asked} does not exist`);
      return true;
    }
    send(
      response,
      200,
      queryResponse(CLOUDFORMATION_XML_NAMESPACE, 'DescribeStacks', { Stacks: answered }, randomUUID()),
    );
    return true;
  };
}

function isSignedForCloudFormation(request: IncomingMessage): boolean {
  return signingServiceOf(request) === 'cloudformation';
}

function sendError(response: ServerResponse, status: number, code: string, message: string): void {
  send(response, status, queryErrorResponse(CLOUDFORMATION_XML_NAMESPACE, code, message, randomUUID()));
}

function send(response: ServerResponse, status: number, xml: string): void {
  response.writeHead(status, { 'content-type': 'text/xml' });
  response.end(`<?xml version="1.0" encoding="UTF-8"?>${xml}`);
}
