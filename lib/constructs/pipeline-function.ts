import { join, parse } from 'node:path';
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
  /**
   * Modules of the function's folder that are bundled into files of their own next to `index.js`,
   * for code the function loads on first use (`await import('./<name>.js')`) rather than at init:
   * a cold start then neither compiles nor runs them. Each keeps its own copy of what it imports.
   * @default - none: everything in `index.js`
   */
  readonly separateBundles?: readonly string[];
}

const LAMBDAS_DIRECTORY = join(__dirname, '..', '..', 'lambdas');
const BUNDLE_TARGET = 'node24';

/**
 * The shell command that bundles `entry` into `<outputDir>/<name>.js` the way `index.js` is bundled
 * (CommonJS, minified, source map without sources), with the project's own esbuild.
 */
function separateBundleCommand(projectDirectory: string, entry: string, outputDirectory: string): string {
  const outfile = join(outputDirectory, `${parse(entry).name}.js`);
  const esbuild = join(projectDirectory, 'node_modules', '.bin', 'esbuild');
  return [
    `"${esbuild}" "${entry}" --bundle --platform=node --format=cjs --target=${BUNDLE_TARGET}`,
    `--minify --sourcemap --sources-content=false --log-level=warning "--outfile=${outfile}"`,
  ].join(' ');
}

/**
 * A Lambda function of the pipeline, with the settings every one of them shares: Node.js 24 on
 * ARM64, explicit memory, timeout and log retention, active X-Ray tracing, a role that may write
 * only its own logs (and traces), and a bundle that carries its own clients so what runs is what
 * was tested (locally too).
 */
export class PipelineFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: PipelineFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}LogGroup`, { retention: PIPELINE_CONSTANTS.logRetention });
    // Instead of AWSLambdaBasicExecutionRole (CreateLogGroup and PutLogEvents on every log group),
    // the role may write to its own log group only.
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    const separateBundles = props.separateBundles ?? [];
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
        target: BUNDLE_TARGET,
        minify: true,
        sourceMap: true,
        // Stack traces need the mappings only; the sources would make each map (which Node.js reads
        // at load with --enable-source-maps) several times bigger.
        sourcesContent: false,
        externalModules: separateBundles.map((name) => `./${name}.js`),
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir, outputDir) =>
            separateBundles.map((name) =>
              separateBundleCommand(inputDir, join(LAMBDAS_DIRECTORY, props.folder, `${name}.ts`), outputDir),
            ),
        },
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
