import type { AlarmHistoryView, AlarmView } from '../console-contract';
import { comparisonSymbol, crossesThreshold } from './alarm-threshold';

/** Every alarm: its state, why, and its history with the datapoints that crossed the threshold. */
export function AlarmsView({ alarms }: { readonly alarms: ReadonlyMap<string, AlarmView> }) {
  const list = [...alarms.values()].sort((left, right) => left.alarmName.localeCompare(right.alarmName));
  return (
    <section aria-labelledby="alarms-heading">
      <h2 id="alarms-heading">Alarms</h2>
      {list.length === 0 && <p>No alarms.</p>}
      {list.map((alarm) => (
        <article key={alarm.alarmName} class="alarm" data-testid="alarm-row" data-state={alarm.state}>
          <h3>
            <span class={`state state-${alarm.state.toLowerCase()}`}>{alarm.state}</span> {alarm.alarmName}
          </h3>
          <p>
            <code>{alarm.metric}</code> {comparisonSymbol(alarm.comparisonOperator)} {alarm.threshold}
          </p>
          <p class="muted">{alarm.stateReason}</p>
          {alarm.history.length > 0 && (
            <details open={alarm.state === 'ALARM'}>
              <summary>History ({alarm.history.length})</summary>
              <ol class="history">
                {alarm.history.map((entry, index) => (
                  <HistoryEntry key={index} entry={entry} alarm={alarm} />
                ))}
              </ol>
            </details>
          )}
        </article>
      ))}
    </section>
  );
}

function HistoryEntry({ entry, alarm }: { readonly entry: AlarmHistoryView; readonly alarm: AlarmView }) {
  return (
    <li>
      <time dateTime={new Date(entry.timestamp).toISOString()}>
        {new Date(entry.timestamp).toISOString().slice(11, 19)}
      </time>{' '}
      {entry.oldState} → <strong>{entry.newState}</strong>: {entry.reason}
      {entry.values.length > 0 && (
        <div class="datapoints">
          Datapoints:{' '}
          {entry.values.map((value, index) => {
            const crossed = crossesThreshold(value, alarm.comparisonOperator, alarm.threshold);
            return (
              <span key={index} class={crossed ? 'datapoint crossed' : 'datapoint'}>
                {value}
                {crossed && <span class="visually-hidden"> (crossed)</span>}
              </span>
            );
          })}
        </div>
      )}
    </li>
  );
}
