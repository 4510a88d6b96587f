import { useState } from 'preact/hooks';
import type { DeadLetterView, RedriveRequest, RedriveResult } from '../console-contract';
import { errorText, postJson } from './api';
import { type DeadLetterGroup, groupByReason, isRedrivable, redriveStatus } from './dead-letter-groups';
import { ErrorMessage } from './messages';

interface DeadLettersViewProps {
  readonly deadLetters: ReadonlyMap<string, DeadLetterView>;
  /** The address that opens an invocation's detail. */
  readonly invocationHref: (requestId: string) => string;
  /** Called with each redrive's answer. */
  readonly onRedriven: (result: RedriveResult) => void;
}

/** Redrives in flight and the ones that failed, by dead-letter id. */
interface RedriveProgress {
  readonly pending: ReadonlySet<string>;
  readonly failed: ReadonlyMap<string, string>;
}

/**
 * Every dead letter, grouped by reason, with its errors and the invocation that rejected it;
 * selected ones or all of them are sent back to their queue, and each row follows its redrive.
 */
export function DeadLettersView({ deadLetters, invocationHref, onRedriven }: DeadLettersViewProps) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [progress, setProgress] = useState<RedriveProgress>({ pending: new Set(), failed: new Map() });
  const [error, setError] = useState<string>();
  const all = [...deadLetters.values()];
  const redrivable = all.filter(isRedrivable);

  const redrive = async (ids: RedriveRequest['ids']) => {
    const asked = ids === 'all' ? redrivable.map((one) => one.id) : ids;
    setProgress((current) => ({ ...current, pending: new Set([...current.pending, ...asked]) }));
    setError(undefined);
    try {
      const result = await postJson<RedriveResult>('dead-letters/redrive', { ids } satisfies RedriveRequest);
      onRedriven(result);
      setProgress((current) => settle(current, asked, result));
      setSelected(new Set());
    } catch (failure) {
      setError(errorText(failure));
      setProgress((current) => settle(current, asked, { redriven: [], failed: [] }));
    }
  };
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };

  return (
    <section aria-labelledby="dead-letters-heading">
      <h2 id="dead-letters-heading">Dead letters</h2>
      <p class="muted">
        Every message that reached a dead-letter queue since the cloud started. The reason is the message's{' '}
        <code>RejectionReason</code> attribute (with <code>RejectionErrors</code>), or RETRIES_EXHAUSTED when
        SQS moved it after its maximum receives.
      </p>
      <div class="toolbar">
        <button
          type="button"
          data-testid="redrive-selected"
          disabled={selected.size === 0}
          onClick={() => redrive([...selected])}
        >
          Redrive selected ({selected.size})
        </button>
        <button
          type="button"
          data-testid="redrive-all"
          disabled={redrivable.length === 0}
          onClick={() => redrive('all')}
        >
          Redrive all ({redrivable.length})
        </button>
      </div>
      <ErrorMessage error={error} />
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

function settle(current: RedriveProgress, asked: readonly string[], result: RedriveResult): RedriveProgress {
  const pending = new Set(current.pending);
  for (const id of asked) pending.delete(id);
  const failed = new Map(current.failed);
  for (const { id } of result.redriven) failed.delete(id);
  for (const { id, error } of result.failed) failed.set(id, error);
  return { pending, failed };
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
            <th scope="col">Redrive</th>
            <th scope="col">Message id</th>
            <th scope="col">Errors</th>
            <th scope="col">Queues</th>
            <th scope="col">Receives</th>
            <th scope="col">Arrived</th>
            <th scope="col">Invocation</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {group.deadLetters.map((letter) => (
            <tr
              key={letter.id}
              data-testid="dead-letter-row"
              data-reason={letter.reason}
              data-message-id={letter.messageId}
            >
              <td>
                <input
                  type="checkbox"
                  id={`select-${letter.id}`}
                  aria-label={`Select ${letter.messageId} for redrive`}
                  checked={selected.has(letter.id)}
                  disabled={!isRedrivable(letter)}
                  onChange={(event) => onToggle(letter.id, event.currentTarget.checked)}
                />
              </td>
              <td>
                <code>{letter.messageId}</code>
              </td>
              <td>
                <ul class="errors">
                  {letter.errors.map((error) => (
                    <li key={error}>{error}</li>
                  ))}
                </ul>
              </td>
              <td>
                {letter.sourceQueueName ?? '?'} → {letter.deadLetterQueueName}
              </td>
              <td>{receivesText(letter)}</td>
              <td>{new Date(letter.arrivedMs).toISOString().slice(11, 23)}</td>
              <td>
                {letter.requestId ? (
                  <a href={invocationHref(letter.requestId)} data-testid="dead-letter-invocation">
                    open invocation
                  </a>
                ) : (
                  <span class="muted">unknown</span>
                )}
              </td>
              <td data-testid="redrive-status">
                {redriveStatus(letter, progress.pending, progress.failed, all)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function receivesText(letter: DeadLetterView): string {
  if (letter.receiveCount === undefined) return '—';
  return letter.maxReceiveCount === undefined
    ? String(letter.receiveCount)
    : `${letter.receiveCount} of ${letter.maxReceiveCount}`;
}
