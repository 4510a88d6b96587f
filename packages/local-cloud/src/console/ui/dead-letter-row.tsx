import type { DeadLetterView } from '../console-contract';
import { isRedrivable, redriveStatus } from './dead-letter-groups';
import type { RedriveProgress } from './use-redrive';

interface DeadLetterRowProps {
  readonly letter: DeadLetterView;
  /** Every dead letter, to tell when a redriven one was rejected again. */
  readonly all: readonly DeadLetterView[];
  readonly selected: boolean;
  readonly progress: RedriveProgress;
  readonly onToggle: (id: string, on: boolean) => void;
  readonly invocationHref: (requestId: string) => string;
}

/** One dead letter: its checkbox, errors, queues, receives, the invocation that rejected it, its redrive. */
export function DeadLetterRow({
  letter,
  all,
  selected,
  progress,
  onToggle,
  invocationHref,
}: DeadLetterRowProps) {
  return (
    <tr data-testid="dead-letter-row" data-reason={letter.reason} data-message-id={letter.messageId}>
      <td>
        <input
          type="checkbox"
          aria-label={`Select ${letter.messageId} for redrive`}
          checked={selected}
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
      <td>
        {new Date(letter.arrivedMs).toISOString().slice(11, 23)}
        {letter.beforeRestart && (
          <span
            class="before-restart"
            title="Replayed from the state directory: it arrived before the cloud restarted"
          >
            before the restart
          </span>
        )}
      </td>
      <td>
        {letter.requestId ? (
          <a href={invocationHref(letter.requestId)} data-testid="dead-letter-invocation">
            open invocation
          </a>
        ) : (
          <span class="muted">unknown</span>
        )}
      </td>
      <td data-testid="redrive-status">{redriveStatus(letter, progress.pending, progress.failed, all)}</td>
    </tr>
  );
}

function receivesText(letter: DeadLetterView): string {
  if (letter.receiveCount === undefined) return '—';
  return letter.maxReceiveCount === undefined
    ? String(letter.receiveCount)
    : `${letter.receiveCount} of ${letter.maxReceiveCount}`;
}
