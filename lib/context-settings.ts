import { Duration } from 'aws-cdk-lib';
import type { Node } from 'constructs';
import type { QueueEncryptionSetting } from './defaults';
import { PipelineSettingsError, type PipelineSettingsProps } from './pipeline-settings';

/**
 * The context keys that reach the pipeline settings, so `cdk deploy -c maxConcurrency=5` (and
 * `npm start -- -c maxConcurrency=5` for local runs) change the same thing as a stack prop.
 */
export const SETTINGS_CONTEXT_KEYS = {
  maxReceiveCount: 'maxReceiveCount',
  batchSize: 'batchSize',
  maxBatchingWindowSeconds: 'maxBatchingWindowSeconds',
  maxConcurrency: 'maxConcurrency',
  processOrdersTimeoutSeconds: 'processOrdersTimeoutSeconds',
  queueEncryption: 'queueEncryption',
  alarmEmail: 'alarmEmail',
} as const;

/**
 * Reads the pipeline settings given as context. Context from `-c` arrives as strings and from
 * cdk.json as numbers; both are accepted, anything else fails with the key and the value.
 */
export function settingsFromContext(node: Node): PipelineSettingsProps {
  const problems: string[] = [];
  const readNumber = (key: string): number | undefined => {
    const raw: unknown = node.tryGetContext(key);
    if (raw === undefined) return undefined;
    const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    problems.push(`context ${key} must be a number (given ${JSON.stringify(raw)})`);
    return undefined;
  };
  const seconds = (key: string): Duration | undefined => {
    const value = readNumber(key);
    return value === undefined ? undefined : Duration.seconds(value);
  };
  const settings: PipelineSettingsProps = {
    maxReceiveCount: readNumber(SETTINGS_CONTEXT_KEYS.maxReceiveCount),
    batchSize: readNumber(SETTINGS_CONTEXT_KEYS.batchSize),
    maxBatchingWindow: seconds(SETTINGS_CONTEXT_KEYS.maxBatchingWindowSeconds),
    maxConcurrency: readNumber(SETTINGS_CONTEXT_KEYS.maxConcurrency),
    processOrdersTimeout: seconds(SETTINGS_CONTEXT_KEYS.processOrdersTimeoutSeconds),
    queueEncryption: node.tryGetContext(SETTINGS_CONTEXT_KEYS.queueEncryption) as
      | QueueEncryptionSetting
      | undefined,
    alarmEmail: node.tryGetContext(SETTINGS_CONTEXT_KEYS.alarmEmail) as string | undefined,
  };
  if (problems.length > 0) throw new PipelineSettingsError(problems);
  return Object.fromEntries(
    Object.entries(settings).filter(([, value]) => value !== undefined),
  ) as PipelineSettingsProps;
}
