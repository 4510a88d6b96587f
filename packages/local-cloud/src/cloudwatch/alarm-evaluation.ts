import type { ComparisonOperator, LocalAlarmDefinition } from '../assembly/alarm-definitions';

/** The three states of a CloudWatch alarm. */
export type AlarmStateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** The statistic of one evaluation period; no `value` when the period had no datapoints. */
export interface PeriodValue {
  /** Epoch ms at which the period starts. */
  readonly start: number;
  readonly value?: number;
  readonly sampleCount?: number;
}

/** The outcome of evaluating an alarm over its latest periods. */
export interface AlarmEvaluation {
  readonly state: AlarmStateValue;
  /** CloudWatch's `StateReason` text, for a change to `state`. */
  readonly reason: string;
  /** CloudWatch's `StateReasonData` JSON. */
  readonly reasonData: string;
  /** The values that were evaluated, oldest first (missing periods left out). */
  readonly values: readonly number[];
  /** How many of the periods counted as breaching, missing ones included as treated. */
  readonly breaching: number;
}

/** How the reason and the terminal line write each comparison. */
export const COMPARISONS: Readonly<
  Record<ComparisonOperator, { readonly phrase: string; readonly symbol: string }>
> = {
  GreaterThanOrEqualToThreshold: { phrase: 'greater than or equal to', symbol: '>=' },
  GreaterThanThreshold: { phrase: 'greater than', symbol: '>' },
  LessThanThreshold: { phrase: 'less than', symbol: '<' },
  LessThanOrEqualToThreshold: { phrase: 'less than or equal to', symbol: '<=' },
};

/** Whether a value crosses the alarm's threshold. */
export function isBreaching(
  value: number,
  alarm: Pick<LocalAlarmDefinition, 'threshold' | 'comparisonOperator'>,
): boolean {
  switch (alarm.comparisonOperator) {
    case 'GreaterThanOrEqualToThreshold':
      return value >= alarm.threshold;
    case 'GreaterThanThreshold':
      return value > alarm.threshold;
    case 'LessThanThreshold':
      return value < alarm.threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= alarm.threshold;
  }
}

/** A number as CloudWatch's reasons print doubles: `3.0`, `0.5`. */
export function formatDouble(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `30/11/26 05:48:00`, in UTC, as datapoints appear in a StateReason. */
function reasonTime(epochMs: number): string {
  const date = new Date(epochMs);
  return `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCFullYear() % 100)} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** `2026-11-30T05:48:00.000+0000`, as StateReasonData and alarm notifications write times. */
export function reasonDataTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** CloudWatch's `StateReasonData` JSON for an evaluation of `periods` (oldest first). */
function reasonDataOf(
  alarm: LocalAlarmDefinition,
  periods: readonly PeriodValue[],
  queryDate: number,
): string {
  const present = periods.filter((period) => period.value !== undefined);
  return JSON.stringify({
    version: '1.0',
    queryDate: reasonDataTime(queryDate),
    startDate: reasonDataTime(periods[0]?.start ?? queryDate),
    statistic: alarm.statistic,
    extendedStatistic: alarm.extendedStatistic,
    period: alarm.periodSeconds,
    recentDatapoints: present.map((period) => period.value as number),
    threshold: alarm.threshold,
    evaluatedDatapoints: [...present].reverse().map((period) => ({
      timestamp: reasonDataTime(period.start),
      sampleCount: period.sampleCount,
      value: period.value,
    })),
  });
}

/** The state and reason when none of the periods had data: `TreatMissingData` decides alone. */
function withoutData(
  treatment: LocalAlarmDefinition['treatMissingData'],
  missing: number,
  current: AlarmStateValue,
): { readonly state: AlarmStateValue; readonly reason: string } {
  const treatedAs = `${plural(missing, 'missing datapoint')} ${missing === 1 ? 'was' : 'were'} treated as`;
  const noData = `Threshold Crossed: no datapoints were received for ${plural(missing, 'period')} and ${treatedAs}`;
  switch (treatment) {
    case 'notBreaching':
      return { state: 'OK', reason: `${noData} [NonBreaching].` };
    case 'breaching':
      return { state: 'ALARM', reason: `${noData} [Breaching].` };
    case 'ignore':
      return {
        state: current,
        reason: `no datapoints were received for ${plural(missing, 'period')}: the state is kept`,
      };
    case 'missing':
      return {
        state: 'INSUFFICIENT_DATA',
        reason: `Insufficient Data: ${plural(missing, 'datapoint')} ${missing === 1 ? 'was' : 'were'} unknown.`,
      };
  }
}

/** CloudWatch's `Threshold Crossed: …` reason for a change to OK or ALARM on the periods with data. */
function thresholdReason(
  alarm: LocalAlarmDefinition,
  present: readonly PeriodValue[],
  counts: { readonly counted: number; readonly considered: number },
  transition: { readonly from: AlarmStateValue; readonly to: AlarmStateValue },
): string {
  const listed = [...present]
    .reverse()
    .map((period) => `${formatDouble(period.value as number)} (${reasonTime(period.start)})`)
    .join(', ');
  const comparison = `${transition.to === 'ALARM' ? '' : 'not '}${COMPARISONS[alarm.comparisonOperator].phrase}`;
  const { counted, considered } = counts;
  return `Threshold Crossed: ${counted} out of the last ${considered} datapoints [${listed}] ${counted === 1 ? 'was' : 'were'} ${comparison} the threshold (${formatDouble(alarm.threshold)}) (minimum ${plural(alarm.datapointsToAlarm, 'datapoint')} for ${transition.from} -> ${transition.to} transition).`;
}

/**
 * Evaluates an alarm as CloudWatch does at the end of a period: the statistic of each of its latest
 * `EvaluationPeriods` periods is compared with the threshold, and the alarm is in ALARM when at least
 * `DatapointsToAlarm` of them breach. Periods without datapoints count as `TreatMissingData` says:
 * `notBreaching` and `breaching` fill them in; with `missing` and `ignore` only the periods with
 * data are evaluated, an alarm with fewer of them than `DatapointsToAlarm` goes to ALARM only if all
 * of them breach, and with none at all `missing` gives INSUFFICIENT_DATA while `ignore` keeps the
 * current state. (CloudWatch also looks further back for data when periods are missing; the local
 * cloud does not.)
 *
 * @param periods the latest `EvaluationPeriods` periods, oldest first
 * @param queryDate when the evaluation runs, epoch ms
 */
export function evaluateAlarm(
  alarm: LocalAlarmDefinition,
  periods: readonly PeriodValue[],
  current: AlarmStateValue,
  queryDate: number,
): AlarmEvaluation {
  const present = periods.filter((period) => period.value !== undefined);
  const values = present.map((period) => period.value as number);
  const missing = periods.length - present.length;
  const presentBreaching = values.filter((value) => isBreaching(value, alarm)).length;
  const treatment = alarm.treatMissingData;
  const breaching = presentBreaching + (treatment === 'breaching' ? missing : 0);
  const outcome = { reasonData: reasonDataOf(alarm, periods, queryDate), values, breaching };
  if (present.length === 0) return { ...withoutData(treatment, missing, current), ...outcome };

  const fillsMissing = treatment === 'breaching' || treatment === 'notBreaching';
  const considered = fillsMissing ? periods.length : present.length;
  const alarming =
    !fillsMissing && present.length < alarm.datapointsToAlarm
      ? presentBreaching === present.length
      : breaching >= alarm.datapointsToAlarm;
  const state: AlarmStateValue = alarming ? 'ALARM' : 'OK';
  const counted = alarming ? breaching : considered - breaching;
  const reason = thresholdReason(alarm, present, { counted, considered }, { from: current, to: state });
  return { state, reason, ...outcome };
}
