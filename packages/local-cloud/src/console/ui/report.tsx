import { render } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { RunReportData } from '../console-contract';
import { invocationId } from '../invocation-id';
import { InvocationDetailPanel } from './invocation-detail';
import { RUN_REPORT_DATA_ID } from './report-data';
import { TimelineView } from './timeline-view';
import './console.css';
import './views.css';

/** A run's report, offline: its summary lines and its timeline, from the data inlined in the file. */
function RunReport({ data }: { readonly data: RunReportData }) {
  const [open, setOpen] = useState<string>();
  const summaries = useMemo(
    () => new Map(data.timeline.invocations.map((invocation) => [invocationId(invocation), invocation])),
    [data],
  );
  return (
    <div class={open ? 'layout with-detail' : 'layout'}>
      <main class="report">
        <h1>{data.title}</h1>
        <pre class="summary-lines" data-testid="report-summary">
          {data.summaryLines.join('\n')}
        </pre>
        <TimelineView
          invocations={data.timeline.invocations}
          mappings={data.timeline.mappings}
          nowMs={data.timeline.nowMs}
          onOpen={setOpen}
        />
      </main>
      {open && (
        <InvocationDetailPanel
          requestId={open}
          summary={summaries.get(open)}
          onClose={() => setOpen(undefined)}
        />
      )}
    </div>
  );
}

const dataElement = document.getElementById(RUN_REPORT_DATA_ID);
const root = document.getElementById('app');
if (dataElement && root)
  render(<RunReport data={JSON.parse(dataElement.textContent ?? '{}') as RunReportData} />, root);
