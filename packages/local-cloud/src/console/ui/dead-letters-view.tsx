import { useState } from 'preact/hooks';
import type { DeadLetterView, RedriveResult } from '../console-contract';
import { type DeadLetterGroup, groupByReason, isRedrivable, moveTaskText } from './dead-letter-groups';
import { DeadLetterRow } from './dead-letter-row';
import { ErrorMessage } from './messages';
import { useMoveTasks } from './use-move-tasks';
import './dead-letters.css';
import { type RedriveProgress, useRedrive } from './use-redrive';

interface DeadLettersViewProps {
  readonly deadLetters: ReadonlyMap<string, DeadLetterView>;
  /** The address that opens an invocation's detail. */
  readonly invocationHref: (requestId: string) => string;
  /** Called with each redrive's answer. */
  readonly onRedriven: (result: RedriveResult) => void;
}

/**
 * Every dead letter, grouped by reason, with its errors and the invocation that rejected it;
 * selected ones or all of them are sent back to their queue, and each row follows its redrive.
 */
export function DeadLettersView({ deadLetters, invocationHref, onRedriven }: DeadLettersViewProps) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const moveTasks = useMoveTasks(deadLetters);
  const { progress, error, redrive } = useRedrive((result) => {
    onRedriven(result);
    moveTasks.started(result.moveTasks ?? []);
  });
  const all = [...deadLetters.values()];
  const redrivable = all.filter(isRedrivable).map((letter) => letter.id);
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  const redriveSelected = () => {
    setSelected(new Set());
    return redrive([...selected], redrivable);
  };

  return (
    <section aria-labelledby="dead-letters-heading">
      <h2 id="dead-letters-heading">Dead letters</h2>
      <p class="muted">
        Every message that reached a dead-letter queue since the cloud started (with <code>--state</code>,
        before its restarts too). The reason is the message's <code>RejectionReason</code> attribute (with{' '}
        <code>RejectionErrors</code>), or RETRIES_EXHAUSTED when SQS moved it after its maximum receives.
      </p>
      <p class="muted">
        Redrive all moves each dead-letter queue back with a message move task (StartMessageMoveTask), as AWS
        does. Redrive selected sends each selected message as it is on the queue to its source, then deletes
        it. A message its consumer already took off the queue is sent from the console's recorded copy.
      </p>
      <div class="toolbar">
        <button
          type="button"
          data-testid="redrive-selected"
          disabled={selected.size === 0}
          onClick={redriveSelected}
        >
          Redrive selected ({selected.size})
        </button>
        <button
          type="button"
          data-testid="redrive-all"
          disabled={redrivable.length === 0}
          onClick={() => redrive('all', redrivable)}
        >
          Redrive all ({redrivable.length})
        </button>
      </div>
      <ErrorMessage error={error} />
      {moveTasks.tasks.length > 0 && (
        <ul class="move-tasks" aria-live="polite" data-testid="move-tasks">
          {moveTasks.tasks.map((task) => (
            <li key={`${task.deadLetterQueueName}-${task.startedMs}`} data-status={task.status}>
              Move task {moveTaskText(task)}
            </li>
          ))}
        </ul>
      )}
      {all.length === 0 && <p>No dead letters.</p>}
      {groupByReason(all).map((group) => (
        <ReasonGroup
          key={group.reason}
          group={group}
          all={all}
          selected={selected}
          progress={progress}
          onToggle={toggle}
          invocationHref={invocationHref}
        />
      ))}
    </section>
  );
}

interface ReasonGroupProps {
  readonly group: DeadLetterGroup;
  readonly all: readonly DeadLetterView[];
  readonly selected: ReadonlySet<string>;
  readonly progress: RedriveProgress;
  readonly onToggle: (id: string, on: boolean) => void;
  readonly invocationHref: (requestId: string) => string;
}

function ReasonGroup({ group, all, selected, progress, onToggle, invocationHref }: ReasonGroupProps) {
  const headingId = `reason-${group.reason.replace(/\W+/g, '-')}`;
  return (
    <section class="reason-group" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {group.reason} <span class="muted">({group.deadLetters.length})</span>
      </h3>
      <table class="data-table">
        <thead>
          <tr>
            {['Redrive', 'Message id', 'Errors', 'Queues', 'Receives', 'Arrived', 'Invocation', 'Status'].map(
              (name) => (
                <th key={name} scope="col">
                  {name}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {group.deadLetters.map((letter) => (
            <DeadLetterRow
              key={letter.id}
              letter={letter}
              all={all}
              selected={selected.has(letter.id)}
              progress={progress}
              onToggle={onToggle}
              invocationHref={invocationHref}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}
