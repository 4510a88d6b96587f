import type { LocalStackDefinition } from './assembly';
import type { Clock } from './clock';
import type { LambdaService } from './lambda';
import type { LogsService } from './logs';
import { localDeliveryTargets, SnsService } from './sns';
import { lostMessageLine } from './sns/sns-service';
import { applyStackTopics } from './sns/stack-topics';
import type { SqsServer } from './sqs';

/**
 * Where the local SNS writes each email it would send (and so, through the cloud's printer, the
 * terminal): SNS sends no email from this machine.
 */
export const SNS_EMAIL_LOG_GROUP = '/local-cloud/sns/email';
const SNS_EMAIL_LOG_STREAM = 'emails';

/** What {@link startCloudSns} wires the local SNS to. */
export interface CloudSnsOptions {
  readonly stack: LocalStackDefinition;
  readonly sqs: SqsServer;
  readonly lambda: LambdaService;
  readonly logs: LogsService;
  readonly clock: Clock;
  /** The address in notifications' SigningCertURL and UnsubscribeURL: the gateway's, when there is one. */
  readonly endpoint: string;
  /** Folder of the SNS journal. @default - in memory */
  readonly stateDirectory?: string;
  /** Told of a subscription left out at start and of every message SNS could not deliver. */
  readonly onProblem?: (message: string) => void;
}

/** Writes each email to the email log group, made on the first one (or found kept by `--state`). */
function emailLogger(logs: LogsService): (text: string) => void {
  let ready = false;
  return (text) => {
    ready ||= logs.describeLogGroups().some((group) => group.logGroupName === SNS_EMAIL_LOG_GROUP);
    if (!ready) {
      logs.createLogGroup(SNS_EMAIL_LOG_GROUP);
      logs.createLogStream(SNS_EMAIL_LOG_GROUP, SNS_EMAIL_LOG_STREAM);
      ready = true;
    }
    logs.putLogEvents(SNS_EMAIL_LOG_GROUP, SNS_EMAIL_LOG_STREAM, [text]);
  };
}

/**
 * Starts the local SNS over the cloud's own services, delivering into its SQS model, its Lambda
 * service's asynchronous invocations, loopback HTTP and the email log group, and brings in the
 * template's topics and subscriptions. With a state directory, the journal is replayed first, so
 * the deliveries a `kill -9` interrupted are made again.
 */
export function startCloudSns(options: CloudSnsOptions): SnsService {
  const { stack, lambda, logs } = options;
  const onProblem = options.onProblem ?? ((message: string) => process.stderr.write(`${message}\n`));
  const sns = SnsService.start({
    targets: localDeliveryTargets({
      sqs: options.sqs.model,
      invokeAsync: (functionName, payload) => lambda.invokeAsync(functionName, payload),
      print: emailLogger(logs),
      durable: () => options.sqs.flushJournal(),
    }),
    accountId: stack.environment.accountId,
    region: stack.environment.region,
    stateDir: options.stateDirectory,
    clock: options.clock,
    endpoint: options.endpoint,
    onUndeliverable: (lost) => onProblem(lostMessageLine(lost)),
  });
  applyStackTopics(sns, stack.topics, stack.subscriptions, onProblem);
  return sns;
}
