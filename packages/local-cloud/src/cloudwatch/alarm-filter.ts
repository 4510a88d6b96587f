import type { LocalAlarmDefinition } from '../assembly/alarm-definitions';
import type { AlarmStateValue } from './alarm-evaluation';

/** DescribeAlarms' filters; one left out (or an empty `alarmNames`) matches every alarm. */
export interface DescribeAlarmsFilter {
  readonly alarmNames?: readonly string[];
  readonly alarmNamePrefix?: string;
  readonly stateValue?: AlarmStateValue;
  /** Matches an alarm with any action (alarm, OK or insufficient data) that starts with it. */
  readonly actionPrefix?: string;
}

/** Whether an alarm in a state matches every filter DescribeAlarms was given. */
export function matchesAlarmFilter(
  alarm: LocalAlarmDefinition,
  stateValue: AlarmStateValue,
  filter: DescribeAlarmsFilter,
): boolean {
  const { alarmNames, alarmNamePrefix, actionPrefix } = filter;
  const actions = [...alarm.alarmActions, ...alarm.okActions, ...alarm.insufficientDataActions];
  return (
    (alarmNames === undefined || alarmNames.length === 0 || alarmNames.includes(alarm.alarmName)) &&
    (alarmNamePrefix === undefined || alarm.alarmName.startsWith(alarmNamePrefix)) &&
    (filter.stateValue === undefined || stateValue === filter.stateValue) &&
    (actionPrefix === undefined || actions.some((action) => action.startsWith(actionPrefix)))
  );
}
