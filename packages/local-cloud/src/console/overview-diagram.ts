import type { LocalCloud } from '../cloud';
import type { ConsoleOverview, DiagramEdge, DiagramNode } from './console-contract';
import { queueDepth } from './queue-lookup';
import { tableViews } from './routes-tables';

type Stack = LocalCloud['stack'];

function queueNodes(cloud: LocalCloud): DiagramNode[] {
  const model = cloud.sqs.model;
  return cloud.stack.queues.map((queue) => {
    let counts: Record<string, number> = {};
    try {
      counts = { ...queueDepth(model, queue.queueUrl) };
    } catch {
      // Deleted through the API since: drawn without counts.
    }
    return { id: queue.logicalId, kind: 'queue', label: queue.queueName, counts };
  });
}

function mappingNodes(cloud: LocalCloud): DiagramNode[] {
  return cloud.stack.eventSourceMappings.map((mapping) => {
    const poller = cloud.pollers.find((candidate) => candidate.currentSettings.name === mapping.logicalId);
    const settings = poller?.currentSettings;
    const counts: Record<string, number> =
      poller === undefined || settings === undefined
        ? {}
        : {
            batchSize: settings.batchSize,
            maximumConcurrency: settings.maximumConcurrency,
            pollers: poller.activeLanes,
            peakConcurrency: poller.peakConcurrency,
          };
    return { id: mapping.logicalId, kind: 'mapping', label: mapping.logicalId, counts };
  });
}

function functionNodes(cloud: LocalCloud): DiagramNode[] {
  const statistics = cloud.lambda.statistics();
  return cloud.stack.functions.map((fn) => {
    const stats = statistics[fn.logicalId];
    const counts: Record<string, number> =
      stats === undefined
        ? {}
        : {
            busy: stats.busy,
            idle: Math.max(0, stats.alive - stats.busy),
            invocations: stats.invocations,
            errors: stats.errors,
          };
    return { id: fn.logicalId, kind: 'function', label: fn.functionName, counts };
  });
}

async function tableNodes(cloud: LocalCloud): Promise<DiagramNode[]> {
  const items = new Map((await tableViews(cloud)).map((table) => [table.tableName, table.itemCount]));
  return cloud.stack.tables.map(
    (table): DiagramNode => ({
      id: table.logicalId,
      kind: 'table',
      label: table.tableName,
      counts: { items: items.get(table.tableName) ?? 0 },
    }),
  );
}

function otherNodes(cloud: LocalCloud): DiagramNode[] {
  const states = new Map(
    cloud.cloudWatch.describeAlarms().map((status) => [status.alarm.alarmName, status.stateValue]),
  );
  return [
    ...cloud.stack.topics.map(
      (topic): DiagramNode => ({
        id: topic.logicalId,
        kind: 'topic',
        label: topic.topicName,
        counts: { subscriptions: topic.subscriptions.length },
      }),
    ),
    ...cloud.stack.alarms.map(
      (alarm): DiagramNode => ({
        id: alarm.logicalId,
        kind: 'alarm',
        label: alarm.alarmName,
        counts: { inAlarm: states.get(alarm.alarmName) === 'ALARM' ? 1 : 0 },
      }),
    ),
  ];
}

/** The stack's arrows: queue to mapping to function, queue to its dead-letter queue, topic to subscriber, alarm to topic. */
export function diagramEdges(stack: Stack): DiagramEdge[] {
  const byArn = new Map<string, string>([
    ...stack.queues.map((queue): [string, string] => [queue.queueArn, queue.logicalId]),
    ...stack.functions.map((fn): [string, string] => [fn.functionArn, fn.logicalId]),
    ...stack.topics.map((topic): [string, string] => [topic.topicArn, topic.logicalId]),
  ]);
  const functionId = (name: string) =>
    stack.functions.find((fn) => fn.functionName === name || fn.logicalId === name || fn.functionArn === name)
      ?.logicalId;
  const edges: DiagramEdge[] = [];
  const add = (from: string | undefined, to: string | undefined, kind: DiagramEdge['kind']) => {
    if (from !== undefined && to !== undefined) edges.push({ from, to, kind });
  };
  for (const mapping of stack.eventSourceMappings) {
    add(byArn.get(mapping.eventSourceArn), mapping.logicalId, 'polls');
    add(mapping.logicalId, functionId(mapping.functionName), 'invokes');
  }
  for (const queue of stack.queues) {
    const policy = queue.attributes.RedrivePolicy;
    if (policy !== undefined)
      add(queue.logicalId, byArn.get(JSON.parse(policy).deadLetterTargetArn), 'dead-letter');
  }
  for (const topic of stack.topics) {
    for (const subscription of topic.subscriptions)
      add(topic.logicalId, byArn.get(subscription.endpoint), 'subscribes');
  }
  for (const alarm of stack.alarms) {
    for (const action of alarm.alarmActions) add(alarm.logicalId, byArn.get(action), 'notifies');
  }
  return edges;
}

/** `GET overview`: the stack as a diagram, each node with its live counts. */
export async function consoleOverview(cloud: LocalCloud): Promise<ConsoleOverview> {
  return {
    stackNames: cloud.stacks.map((stack) => stack.stackName),
    endpoint: cloud.stack.environment.publicEndpoint ?? cloud.sqs.endpoint,
    nodes: [
      ...queueNodes(cloud),
      ...mappingNodes(cloud),
      ...functionNodes(cloud),
      ...(await tableNodes(cloud)),
      ...otherNodes(cloud),
    ],
    edges: diagramEdges(cloud.stack),
    warnings: cloud.stack.warnings.map((warning) => warning.message),
  };
}
