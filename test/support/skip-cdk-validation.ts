// The CDK's built-in CloudFormation validation compiles a WebAssembly validator on every synthesis:
// 3.6 s of the 4 s of CPU a small sample app takes to synthesize here. The suites synthesize apps
// dozens of times, in process and through `local-cloud serve --app`, which passes its environment
// on; they skip it. Where the validation itself is the subject, a suite turns it back on:
// `test/infra/cdk-nag.test.ts` validates the pipeline's template, and
// `synthesize-app-background.test.ts` checks that the local cloud leaves it on by default.
process.env.CDK_VALIDATION ??= 'false';
