import type { LocalCloud } from '../cloud';
import type { AlarmView } from './console-contract';
import type { ConsoleRoute } from './console-routes';

/** Every alarm of the stack: its state now and its recorded state changes. */
export function alarmViews(cloud: LocalCloud): AlarmView[] {
  return cloud.cloudWatch.describeAlarms().map((status) => alarmView(cloud, status));
}

/** One alarm's view, from its status as CloudWatch describes it. */
export function alarmView(
  cloud: LocalCloud,
  status: ReturnType<LocalCloud['cloudWatch']['describeAlarms']>[number],
): AlarmView {
  const { alarm } = status;
  return {
    alarmName: alarm.alarmName,
    state: status.stateValue,
    stateReason: status.stateReason,
    metric: `${alarm.metric.namespace} ${alarm.metric.metricName}`,
    threshold: alarm.threshold,
    comparisonOperator: alarm.comparisonOperator,
    history: cloud.activity.alarmHistory(alarm.alarmName),
  };
}

/** `GET alarms`. */
export const ALARM_ROUTES: readonly ConsoleRoute[] = [
  { method: 'GET', path: /^alarms$/, handle: ({ cloud }) => alarmViews(cloud) },
];
