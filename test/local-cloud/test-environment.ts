import {
  type CloudFormationTemplate,
  type LocalEnvironment,
  localEnvironment,
  StackArtifact,
  type TemplateResource,
} from 'local-cloud';

/** The endpoints of a local cloud in the app's tests of how the local cloud reads its template. */
export const TEST_ENVIRONMENT: LocalEnvironment = localEnvironment({
  sqsEndpoint: 'http://127.0.0.1:9324',
  dynamodbEndpoint: 'http://127.0.0.1:8000',
});

/** A stack named `OrderPipeline` holding the given resources (and any other template parts). */
export function stackFactory(
  resources: Record<string, TemplateResource>,
  template: Partial<CloudFormationTemplate> = {},
  stackName = 'OrderPipeline',
): StackArtifact {
  return new StackArtifact(stackName, stackName, { ...template, Resources: resources }, [], '/nonexistent');
}
