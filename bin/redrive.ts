#!/usr/bin/env node
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { resolveCommandLine } from 'local-cloud/command-line';
import { sqsSendMessageBatch } from '../lambdas/generate-orders/send-orders';
import { dynamoDbMarkRedriven } from './redrive/mark-redriven';
import { formatMoveProgress, moveDeadLetters, sqsMoveTaskApi } from './redrive/move-dead-letters';
import { parseRedriveOptions, REDRIVE_COMMAND_LINE } from './redrive/redrive-options';
import { formatRecordsSummary, redriveRecords } from './redrive/redrive-records';
import { dynamoDbRejectedRecords } from './redrive/rejected-records';
import { cloudFormationDescribeStack, findStackOutputs } from './redrive/stack-resources';

/**
 * `npm run redrive`: after a fix, sends recorded rejected orders back to the orders queue, or with
 * `--move-dlq` moves the dead-letter queue's messages back. Finds the stack's queues and tables by
 * its outputs, with the normal credential chain, against AWS or (`--endpoint-url`) the local cloud.
 */
async function main(): Promise<number> {
  const commandLine = resolveCommandLine(REDRIVE_COMMAND_LINE, () =>
    parseRedriveOptions(process.argv.slice(2), process.env),
  );
  if ('exitCode' in commandLine) return commandLine.exitCode;
  const { options } = commandLine;
  // The AWS CLI reads AWS_DEFAULT_REGION, the SDK only AWS_REGION: a shell set up for the CLI works here too.
  const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  const clientConfig = {
    ...(region === undefined ? {} : { region }),
    ...(options.endpointUrl === undefined ? {} : { endpoint: options.endpointUrl }),
  };
  const outputs = await findStackOutputs(
    cloudFormationDescribeStack(new CloudFormationClient(clientConfig)),
    options.stackName,
  );
  const sqs = new SQSClient(clientConfig);

  if (options.mode === 'move-dlq') {
    const outcome = await moveDeadLetters({
      api: sqsMoveTaskApi(sqs),
      deadLetterQueueUrl: outputs.DeadLetterQueueUrl,
      waitSeconds: options.waitSeconds,
      onProgress: (progress) => console.log(formatMoveProgress(progress)),
    });
    if (!outcome.finished) console.log(`still running after ${options.waitSeconds} s; it goes on in SQS`);
    return outcome.status === 'COMPLETED' || !outcome.finished ? 0 : 1;
  }

  const documents = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig));
  const summary = await redriveRecords({
    readRecords: dynamoDbRejectedRecords(documents, outputs.RejectedOrdersTableName),
    markRedriven: dynamoDbMarkRedriven(documents, outputs.RejectedOrdersTableName),
    queueUrl: outputs.OrdersQueueUrl,
    sendMessageBatch: sqsSendMessageBatch(sqs),
    dryRun: options.dryRun,
    ...(options.reasons === undefined ? {} : { reasons: options.reasons }),
    ...(options.limit === undefined ? {} : { limit: options.limit }),
  });
  for (const line of formatRecordsSummary(summary)) console.log(line);
  return summary.failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(String(error));
    process.exitCode = 1;
  },
);
