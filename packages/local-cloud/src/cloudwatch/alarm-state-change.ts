import type { LocalAlarmDefinition } from '../assembly/alarm-definitions';
import { type AlarmStateValue, COMPARISONS, formatDouble } from './alarm-evaluation';

/** An alarm that changed state, as {@link CloudWatchServiceOptions.onAlarmStateChange} hears of it. */
export interface AlarmStateChange {
  readonly alarm: LocalAlarmDefinition;
  readonly oldState: AlarmStateValue;
  readonly newState: AlarmStateValue;
  /** The new `StateReason`. */
  readonly reason: string;
  /** Cloud time of the change, epoch ms. */
  readonly timestamp: number;
  /** The evaluated values, oldest first; empty when no period had data or the state was set by hand. */
  readonly values: readonly number[];
  /** How many periods had no datapoints. */
  readonly missingPeriods: number;
}

const TREATED_AS: Record<LocalAlarmDefinition['treatMissingData'], string> = {
  notBreaching: 'treated as not breaching',
  breaching: 'treated as breaching',
  ignore: 'ignored',
  missing: 'missing',
};

/**
 * One terminal line for a state change: the new state, the alarm, the transition and, in short,
 * why.
 *
 * @example
 * alarmStateChangeLine(change);
 * // 'ALARM  OrderPipeline-AlarmsDeadLetteredOrdersAlarmA4561B58: OK -> ALARM (1 datapoint [3.0] >= threshold 1.0)'
 */
export function alarmStateChangeLine(change: AlarmStateChange): string {
  const { alarm, values } = change;
  const label = change.newState.padEnd(7);
  const transition = `${alarm.alarmName}: ${change.oldState} -> ${change.newState}`;
  let why: string;
  if (values.length > 0) {
    const symbol = COMPARISONS[alarm.comparisonOperator].symbol;
    const count = `${values.length} datapoint${values.length === 1 ? '' : 's'}`;
    why = `${count} [${values.map(formatDouble).join(', ')}] ${change.newState === 'ALARM' ? '' : 'not '}${symbol} threshold ${formatDouble(alarm.threshold)}`;
  } else if (change.missingPeriods > 0) {
    why = `no datapoints for ${change.missingPeriods} period${change.missingPeriods === 1 ? '' : 's'}, ${TREATED_AS[alarm.treatMissingData]}`;
  } else {
    why = change.reason;
  }
  return `${label}${transition} (${why})`;
}
