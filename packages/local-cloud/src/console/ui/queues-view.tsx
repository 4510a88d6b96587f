import type { QueueDepthView, QueueView } from '../console-contract';
import { ErrorMessage } from './messages';
import { QueueDetail } from './queue-detail';
import { useApi } from './use-api';

interface QueuesViewProps {
  readonly depths: Readonly<Record<string, QueueDepthView>>;
  /** The queue shown in detail, from the address (`#queues/<name>`). */
  readonly selected?: string;
  readonly onSelect: (name: string) => void;
}

/** Every queue with its live depth; the selected one's attributes, messages, send form and purge. */
export function QueuesView({ depths, selected, onSelect }: QueuesViewProps) {
  const queues = useApi<QueueView[]>('queues');
  if (queues.error) return <ErrorMessage error={queues.error} />;
  if (!queues.data) return <p>Loading…</p>;
  const queue = queues.data.find((one) => one.name === selected);
  return (
    <section aria-labelledby="queues-heading">
      <h2 id="queues-heading">Queues</h2>
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">Queue</th>
            <th scope="col">Visible</th>
            <th scope="col">In flight</th>
            <th scope="col">Delayed</th>
            <th scope="col">Redrive policy</th>
          </tr>
        </thead>
        <tbody>
          {queues.data.map((one) => {
            const depth = depths[one.name] ?? one.depth;
            return (
              <tr
                key={one.name}
                data-testid="queue-row"
                data-queue={one.name}
                aria-selected={one.name === selected}
              >
                <th scope="row">
                  <a href={`#queues/${encodeURIComponent(one.name)}`} onClick={() => onSelect(one.name)}>
                    {one.name}
                  </a>
                </th>
                <td>{depth.visible}</td>
                <td>{depth.inFlight}</td>
                <td>{depth.delayed}</td>
                <td>{redriveText(one)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {queue && (
        <QueueDetail
          key={queue.name}
          queue={queue}
          depth={depths[queue.name] ?? queue.depth}
          onChanged={queues.reload}
        />
      )}
      {!queue && (
        <p class="muted">Pick a queue to see its attributes and messages, send to it or purge it.</p>
      )}
    </section>
  );
}

function redriveText(queue: QueueView): string {
  const parts: string[] = [];
  if (queue.redrivePolicy) {
    parts.push(
      `to ${queue.redrivePolicy.deadLetterQueueName} after ${queue.redrivePolicy.maxReceiveCount} receives`,
    );
  }
  if (queue.deadLetterSourceQueueNames.length > 0)
    parts.push(`dead-letter queue of ${queue.deadLetterSourceQueueNames.join(', ')}`);
  return parts.join('; ') || '—';
}
