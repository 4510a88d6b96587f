import { localEnvironment, serviceEndpointVariables } from '../../src/assembly/local-environment';
import { functionEnvironment } from '../../src/lambda';
import { sdkV2Endpoints } from '../../src/lambda/node-runtime';
import { functionDefinitionFactory } from './function-fixtures';

const SQS = 'http://127.0.0.1:9324';
const DYNAMODB = 'http://127.0.0.1:8000';
const GATEWAY = 'http://127.0.0.1:4566';

describe('the endpoints a function instance is given', () => {
  test('behind a gateway: AWS_ENDPOINT_URL and one variable per emulated service, as the SDK v3 names them', () => {
    const environment = localEnvironment({
      sqsEndpoint: SQS,
      dynamodbEndpoint: DYNAMODB,
      publicEndpoint: `${GATEWAY}/`,
    });

    const variables = serviceEndpointVariables(environment);

    expect(variables).toStrictEqual({
      AWS_ENDPOINT_URL: GATEWAY,
      AWS_ENDPOINT_URL_SQS: SQS,
      AWS_ENDPOINT_URL_DYNAMODB: DYNAMODB,
      AWS_ENDPOINT_URL_LAMBDA: GATEWAY,
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: GATEWAY,
      AWS_ENDPOINT_URL_CLOUDWATCH: GATEWAY,
      AWS_ENDPOINT_URL_CLOUDFORMATION: GATEWAY,
      AWS_ENDPOINT_URL_SNS: GATEWAY,
    });
  });

  test('without a gateway: only the SQS and DynamoDB endpoints, which are all there is', () => {
    const environment = localEnvironment({ sqsEndpoint: SQS, dynamodbEndpoint: DYNAMODB });

    const variables = serviceEndpointVariables(environment);

    expect(variables).toStrictEqual({ AWS_ENDPOINT_URL_SQS: SQS, AWS_ENDPOINT_URL_DYNAMODB: DYNAMODB });
  });

  test("are in the instance's environment, after the template's own variables", () => {
    const environment = localEnvironment({
      sqsEndpoint: SQS,
      dynamodbEndpoint: DYNAMODB,
      publicEndpoint: GATEWAY,
    });
    const definition = functionDefinitionFactory('/tmp', 'echo', {
      environment: { AWS_ENDPOINT_URL_LAMBDA: 'https://lambda.us-east-1.amazonaws.com' },
    });

    const variables = functionEnvironment(definition, environment, 'stream');

    expect(variables).toMatchObject({ AWS_ENDPOINT_URL: GATEWAY, AWS_ENDPOINT_URL_LAMBDA: GATEWAY });
  });

  test('are given to the SDK v2 by its service identifiers, as it reads no endpoint variable', () => {
    const variables = serviceEndpointVariables(
      localEnvironment({ sqsEndpoint: SQS, dynamodbEndpoint: DYNAMODB }),
    );

    expect(sdkV2Endpoints(variables)).toStrictEqual({
      sqs: { endpoint: SQS },
      dynamodb: { endpoint: DYNAMODB },
    });
  });
});
