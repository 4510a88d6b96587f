import type { QueueDepthView, QueueView } from '../console-contract';
import { PeekMessages } from './peek-messages';
import { PurgeButton } from './purge-button';
import { SendMessageForm } from './send-message-form';

interface QueueDetailProps {
  readonly queue: QueueView;
  readonly depth: QueueDepthView;
  /** Called after a send or a purge, so the list shows the new depths. */
  readonly onChanged: () => void;
}

/** One queue: its attributes, a peek at its messages, a send form and purge. */
export function QueueDetail({ queue, depth, onChanged }: QueueDetailProps) {
  return (
    <section class="queue-detail" aria-labelledby="queue-detail-heading">
      <h3 id="queue-detail-heading">{queue.name}</h3>
      <p class="muted">
        <code>{queue.url}</code>
      </p>
      <details open>
        <summary>Attributes</summary>
        <dl class="facts">
          {Object.entries(queue.attributes)
            .sort(([left], [right]) => left.localeCompare(right))
            .map(([name, value]) => (
              <>
                <dt key={`${name}-name`}>{name}</dt>
                <dd key={`${name}-value`}>
                  <code>{value}</code>
                </dd>
              </>
            ))}
        </dl>
      </details>
      <PeekMessages queueName={queue.name} />
      <SendMessageForm queueName={queue.name} onSent={onChanged} />
      <PurgeButton
        queueName={queue.name}
        messageCount={depth.visible + depth.inFlight + depth.delayed}
        onPurged={onChanged}
      />
    </section>
  );
}
