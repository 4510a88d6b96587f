import { type LocalCloud, runtimeNotices, timeScaleNotice } from 'local-cloud';
import { consoleAddressLine, rejectedOrdersLine } from './run-console';
import type { RunReport } from './run-report';

/** Lines that say what is running: the time scale and the settings read from the template. */
export function formatStackOverview(cloud: LocalCloud, timeScale: number, logsDirectory: string): string[] {
  const { stack } = cloud;
  const scaled = (seconds: number) => `${seconds} s (${formatSeconds(seconds / timeScale)} real)`;
  const lines = [
    `Local cloud for stack ${stack.stackName}: SQS at ${cloud.sqs.endpoint}, DynamoDB at ${cloud.dynamodb.endpoint}`,
    `${timeScaleNotice(timeScale)}.`,
  ];
  for (const queue of stack.queues) {
    const visibility = Number(queue.attributes.VisibilityTimeout ?? 30);
    const redrive = queue.attributes.RedrivePolicy
      ? `, dead-letters after ${JSON.parse(queue.attributes.RedrivePolicy).maxReceiveCount} receives`
      : '';
    lines.push(`  queue ${queue.queueName}: visibility timeout ${scaled(visibility)}${redrive}`);
  }
  for (const mapping of stack.eventSourceMappings) {
    const fn = stack.functions.find((candidate) => candidate.functionName === mapping.functionName);
    lines.push(
      `  ${labelOf(fn?.logicalId ?? mapping.functionName)} polls ${mapping.eventSourceArn.split(':').pop()}: ` +
        `batch size ${mapping.batchSize}, window ${scaled(mapping.maximumBatchingWindowSeconds)}, ` +
        `max concurrency ${mapping.maximumConcurrency ?? 'unset'}` +
        (mapping.reportBatchItemFailures ? ', partial batch responses' : ''),
    );
  }
  for (const fn of stack.functions) {
    lines.push(
      `  function ${labelOf(fn.logicalId)}: timeout ${fn.timeoutSeconds} s (real time), ${fn.memorySizeMb} MB`,
    );
  }
  const runtimes = new Set(runtimeNotices(stack.functions).map((notice) => notice.replace(/^[^:]+: /, '')));
  for (const notice of runtimes) lines.push(`Note: ${notice}.`);
  lines.push(`Log files: ${logsDirectory}`, '');
  return lines;
}

/**
 * What `--serve` prints once the stack is up: its outputs, commands to try against it, and the web
 * console's address when it has one.
 */
export function formatServeInstructions(cloud: LocalCloud, endpoint: string, consoleUrl?: string): string[] {
  const { outputs, environment } = cloud.stack;
  const lines = [`Outputs of ${cloud.stack.stackName} (local):`];
  for (const [name, value] of Object.entries(outputs)) lines.push(`  ${name} = ${value}`);
  lines.push(
    '',
    `The local cloud answers at ${endpoint} for SQS, Lambda, CloudWatch Logs, CloudWatch alarms and DynamoDB.`,
    'In another terminal:',
    `  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=${environment.region} AWS_DEFAULT_REGION=${environment.region}`,
    `  export AWS_ENDPOINT_URL=${endpoint}   # AWS CLI 2.13+ and the SDKs; older CLIs: --endpoint-url ${endpoint}`,
    `  aws --endpoint-url ${endpoint} lambda invoke --function-name ${outputs.GenerateOrdersFunctionName} \\`,
    `    --cli-binary-format raw-in-base64-out --payload '{}' /dev/stdout`,
    `  aws --endpoint-url ${endpoint} sqs send-message --queue-url ${outputs.OrdersQueueUrl} --message-body "Hello world."`,
    `  aws --endpoint-url ${endpoint} dynamodb scan --table-name ${outputs.RejectedOrdersTableName}`,
    `  aws --endpoint-url ${endpoint} logs tail ${outputs.ProcessOrdersLogGroupName} --follow`,
    `  aws --endpoint-url ${endpoint} cloudwatch describe-alarms --state-value ALARM`,
    ...(consoleUrl === undefined
      ? []
      : ['', consoleAddressLine(consoleUrl), rejectedOrdersLine(cloud, consoleUrl)]),
    'Press Ctrl+C to stop.',
  );
  return lines;
}

/** The log groups of the run and their streams: one stream per function instance, as in CloudWatch. */
export function formatLogStreams(cloud: LocalCloud): string[] {
  const lines = ['', 'Log streams (one per function instance):'];
  for (const group of cloud.logs.describeLogGroups()) {
    lines.push(`  ${group.label} (log group ${group.logGroupName})`);
    for (const stream of cloud.logs.describeLogStreams(group.logGroupName)) {
      lines.push(`    ${stream.logStreamName}  ${stream.storedEvents} events`);
    }
  }
  return lines;
}

/** The summary table of a run. */
export function formatRunReport(report: RunReport, maximumRejections = 20): string[] {
  const lines = [
    '',
    `Summary (time scale ${report.timeScale}x, ${formatSeconds(report.durationMs / 1000)} real${
      report.peakMemoryBytes === undefined
        ? ''
        : `, peak memory ${Math.round(report.peakMemoryBytes / 1024 / 1024)} MB`
    })`,
    `  orders sent         ${pad(report.ordersSent)}`,
    `  orders stored       ${pad(report.ordersStored)}`,
    `  orders rejected     ${pad(report.ordersRejected)}`,
  ];
  if (report.rejections.length <= maximumRejections) {
    for (const rejection of report.rejections) {
      const who =
        rejection.orderId === undefined ? `message ${rejection.messageId}` : `order ${rejection.orderId}`;
      lines.push(`      ${who}: ${describeRejection(rejection)}`);
    }
  } else {
    // Too many to list one by one: how many orders were rejected for each reason (--report has them all).
    const counts = new Map<string, number>();
    for (const rejection of report.rejections) {
      const reason = describeRejection(rejection);
      counts.set(reason, (counts.get(reason) ?? 0) + 1);
    }
    for (const [reason, count] of [...counts].sort((a, b) => b[1] - a[1])) {
      lines.push(`      ${pad(count)} × ${reason}`);
    }
  }
  lines.push(`  orders unaccounted  ${pad(report.ordersUnaccounted)}`);
  if (report.ordersNotQueued > 0) lines.push(`  not queued (producer) ${pad(report.ordersNotQueued)}`);
  if (report.ordersStillQueued > 0) lines.push(`  still on a queue    ${pad(report.ordersStillQueued)}`);
  lines.push('', '  function          instances  invocations  errors  timeouts  peak concurrency');
  for (const [logicalId, fn] of Object.entries(report.functions)) {
    lines.push(
      `  ${labelOf(logicalId).padEnd(16)}  ${pad(fn.instances, 9)}  ${pad(fn.invocations, 11)}  ${pad(fn.errors, 6)}  ${pad(fn.timeouts, 8)}  ${pad(fn.peakConcurrency, 16)}`,
    );
  }
  lines.push(
    '',
    report.ordersUnaccounted === 0 && report.ordersNotQueued === 0
      ? 'Every order is accounted for.'
      : 'NOT every order is accounted for.',
  );
  return lines;
}

/** A one-line progress bar, redrawn in place; only for a terminal. */
export class ProgressBar {
  private lastDrawn = '';

  constructor(
    private readonly output: NodeJS.WriteStream,
    private readonly total: number,
    private readonly width = 30,
  ) {}

  update(done: number): void {
    const fraction = this.total === 0 ? 1 : Math.min(1, done / this.total);
    const filled = Math.round(fraction * this.width);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(this.width - filled)}] ${done}/${this.total} orders processed`;
    if (line === this.lastDrawn) return;
    this.lastDrawn = line;
    this.output.write(`\r${line}`);
  }

  finish(): void {
    if (this.lastDrawn !== '') this.output.write('\n');
  }
}

function describeRejection(rejection: RunReport['rejections'][number]): string {
  return `${rejection.reason}: ${rejection.errors.join('; ')}`;
}

/** `ProcessOrders1A2B3C4D` → `ProcessOrders`. */
export function labelOf(logicalId: string): string {
  return logicalId.replace(/[0-9A-F]{8}$/, '');
}

function pad(value: number, width = 5): string {
  return String(value).padStart(width);
}

function formatSeconds(seconds: number): string {
  return seconds < 10 ? `${seconds.toFixed(2)} s` : `${seconds.toFixed(1)} s`;
}
