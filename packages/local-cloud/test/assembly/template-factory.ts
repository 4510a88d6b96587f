import { StackArtifact } from '../../src/assembly/cloud-assembly';
import { type LocalEnvironment, localEnvironment } from '../../src/assembly/local-environment';
import type { CloudFormationTemplate, TemplateResource } from '../../src/assembly/template';

/** The endpoints of a local cloud in tests. */
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
