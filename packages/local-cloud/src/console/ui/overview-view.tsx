import type { ConsoleOverview, QueueDepthView } from '../console-contract';
import { ErrorMessage } from './messages';
import { StackDiagram } from './stack-diagram';
import { useApi } from './use-api';

interface OverviewViewProps {
  /** Live depths by queue name, newer than the overview's own counts. */
  readonly depths: Readonly<Record<string, QueueDepthView>>;
  /** Invocations running now, by function name. */
  readonly running: ReadonlyMap<string, number>;
}

/** The stack as a diagram: queues, mappings, functions, tables and topics, with live counts. */
export function OverviewView({ depths, running }: OverviewViewProps) {
  const { data, error } = useApi<ConsoleOverview>('overview');
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <p>Loading…</p>;
  return (
    <section aria-labelledby="overview-heading">
      <h2 id="overview-heading">Overview</h2>
      <p class="muted">
        {data.stackNames.join(', ')} at <code>{data.endpoint}</code>. Dead-letter edges are dashed.
      </p>
      {data.warnings.length > 0 && (
        <ul class="warnings">
          {data.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      <div class="diagram-scroll">
        <StackDiagram overview={data} depths={depths} running={running} />
      </div>
    </section>
  );
}
