import { useEffect, useRef, useState } from 'preact/hooks';
import { changeState, segment } from './api';
import { ErrorMessage, StatusMessage } from './messages';

interface PurgeButtonProps {
  readonly queueName: string;
  readonly messageCount: number;
  readonly onPurged: () => void;
}

/** Purge, asked twice: the first press asks to confirm, naming the queue and how many messages go. */
export function PurgeButton({ queueName, messageCount, onPurged }: PurgeButtonProps) {
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  const cancel = useRef<HTMLButtonElement>(null);
  // The purge button gives way to the question: the focus goes to its safe answer.
  useEffect(() => {
    if (confirming) cancel.current?.focus();
  }, [confirming]);
  const purge = async () => {
    setConfirming(false);
    const failure = await changeState(`queues/${segment(queueName)}/purge`, {});
    setError(failure);
    setStatus(failure ? undefined : `Purged ${queueName}.`);
    if (!failure) onPurged();
  };
  return (
    <section aria-labelledby="purge-heading">
      <h4 id="purge-heading">Purge</h4>
      {!confirming && (
        <button type="button" class="danger" data-testid="purge-queue" onClick={() => setConfirming(true)}>
          Purge {queueName}…
        </button>
      )}
      {confirming && (
        <div role="alertdialog" aria-labelledby="purge-question" class="confirm">
          <p id="purge-question">
            Delete all {messageCount.toLocaleString('en')} messages of <strong>{queueName}</strong>? This
            cannot be undone.
          </p>
          <button type="button" class="danger" data-testid="purge-confirm" onClick={purge}>
            Yes, purge {queueName}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)} ref={cancel}>
            Cancel
          </button>
        </div>
      )}
      <StatusMessage status={status} />
      <ErrorMessage error={error} />
    </section>
  );
}
