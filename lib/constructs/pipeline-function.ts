import { join } from 'node:path';
import { type Duration, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { OBSERVABILITY } from '../../shared/observability';
import { PIPELINE_CONSTANTS } from '../defaults';

export interface PipelineFunctionProps {
  /** Folder under `lambdas/` holding `handler.ts`. */
  readonly folder: string;
  /** Powertools service name: the `service` key of every log line and metric. */
  readonly serviceName: string;
  readonly timeout: Duration;
  readonly environment?: Record<string, string>;
  /**
   * Where Lambda puts the event of an asynchronous invocation that failed every retry.
   * @default - none: for a function that only its SQS event source mapping invokes, which invokes
   * synchronously, so a Lambda dead-letter target would never receive anything
   */
  readonly deadLetterQueue?: IQueue;
}

const LAMBDAS_DIRECTORY = join(__dirname, '..', '..', 'lambdas');

/**
 * A Lambda function of the pipeline, with the settings every one of them shares: Node.js 24 on
 * ARM64, explicit memory, timeout and log retention, active X-Ray tracing, a role that may write
 * only its own logs (and traces), and a bundle that carries its own AWS SDK so what runs is what
 * was tested (locally too).
 */
export class PipelineFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: PipelineFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}LogGroup`, { retention: PIPELINE_CONSTANTS.logRetention });
    // Instead of AWSLambdaBasicExecutionRole (CreateLogGroup and PutLogEvents on every log group),
    // the role may write to its own log group only.
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    super(scope, id, {
      entry: join(LAMBDAS_DIRECTORY, props.folder, 'handler.ts'),
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: PIPELINE_CONSTANTS.memorySizeMb,
      timeout: props.timeout,
      logGroup,
      role,
      tracing: Tracing.ACTIVE,
      deadLetterQueue: props.deadLetterQueue,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: OBSERVABILITY.metricsNamespace,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.CJS,
        target: 'node24',
        minify: true,
        sourceMap: true,
        externalModules: [],
      },
    });
    // Tracing.ACTIVE adds xray:PutTraceSegments and xray:PutTelemetryRecords on `*`, in a policy the
    // function owns (cdk.json's @aws-cdk/aws-lambda:createNewPoliciesWithAddToRolePolicy).
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only the X-Ray actions of active tracing, which support no resource-level permissions; test/infra/iam.test.ts pins every statement.',
    });
  }
}
