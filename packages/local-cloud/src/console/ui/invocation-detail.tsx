import { useEffect, useRef, useState } from 'preact/hooks';
import type { InvocationDetail, InvocationSummary } from '../console-contract';
import { errorText } from './api';
import { LogLine } from './log-line';
import { ErrorMessage } from './messages';

interface InvocationDetailPanelProps {
  readonly requestId: string;
  /** What the timeline knows of it, shown while the detail loads (or alone, in a report). */
  readonly summary?: InvocationSummary;
  /** Loads `GET invocations/{requestId}`; absent offline, where only the summary is known. */
  readonly load?: (requestId: string) => Promise<InvocationDetail>;
  readonly onClose: () => void;
}

/** One invocation: its records, batch item failures, log lines and REPORT line. */
export function InvocationDetailPanel({ requestId, summary, load, onClose }: InvocationDetailPanelProps) {
  const [detail, setDetail] = useState<InvocationDetail>();
  const [error, setError] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    setDetail(undefined);
    setError(undefined);
    heading.current?.focus();
    if (!load) return undefined;
    let current = true;
    load(requestId).then(
      (loaded) => current && setDetail(loaded),
      (failure) => current && setError(errorText(failure)),
    );
    return () => {
      current = false;
    };
  }, [requestId, load]);

  const shown = detail ?? summary;
  return (
    <aside
      class="detail-panel"
      data-testid="invocation-detail"
      aria-labelledby="invocation-detail-heading"
      onKeyDown={(event) => event.key === 'Escape' && onClose()}
    >
      <header>
        <h2 id="invocation-detail-heading" ref={heading} tabIndex={-1}>
          Invocation <code>{requestId}</code>
        </h2>
        <button type="button" onClick={onClose}>
          Close <span class="muted">(Esc)</span>
        </button>
      </header>
      <ErrorMessage error={error} />
      {!shown && !error && <p>Loading…</p>}
      {shown && <SummaryFacts summary={shown} />}
      {detail && <DetailSections detail={detail} />}
      {!load && (
        <p class="muted">
          Records and log lines are not part of a report; open the console during a run to see them.
        </p>
      )}
    </aside>
  );
}

function SummaryFacts({ summary }: { readonly summary: InvocationSummary }) {
  const duration =
    summary.endMs === undefined ? 'running' : `${(summary.endMs - summary.startMs).toFixed(0)} ms`;
  return (
    <dl class="facts">
      <dt>Function</dt>
      <dd>{summary.functionName}</dd>
      <dt>Instance (log stream)</dt>
      <dd>
        <code>{summary.logStreamName}</code>
      </dd>
      <dt>Outcome</dt>
      <dd class={`outcome outcome-${summary.outcome}`}>{summary.outcome}</dd>
      <dt>Started</dt>
      <dd>{new Date(summary.startMs).toISOString()}</dd>
      <dt>Duration</dt>
      <dd>{duration}</dd>
      {summary.initDurationMs !== undefined && (
        <>
          <dt>Cold start (INIT)</dt>
          <dd>{summary.initDurationMs.toFixed(0)} ms</dd>
        </>
      )}
      {summary.batchSize !== undefined && (
        <>
          <dt>Batch size</dt>
          <dd>{summary.batchSize}</dd>
        </>
      )}
      {summary.batchItemFailures !== undefined && (
        <>
          <dt>Batch item failures</dt>
          <dd>{summary.batchItemFailures}</dd>
        </>
      )}
      {summary.mapping !== undefined && (
        <>
          <dt>Event source mapping</dt>
          <dd>{summary.mapping}</dd>
        </>
      )}
    </dl>
  );
}

function DetailSections({ detail }: { readonly detail: InvocationDetail }) {
  const failed = new Set(detail.batchItemFailureIds);
  return (
    <>
      {detail.reportLine && (
        <section>
          <h3>REPORT</h3>
          <pre class="report-line">{detail.reportLine}</pre>
        </section>
      )}
      {detail.leftOnQueue && <p class="warning">{detail.leftOnQueue}</p>}
      <section>
        <h3>
          Records ({detail.records.length}), {detail.batchItemFailureIds.length} reported as batch item
          failures
        </h3>
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">Message id</th>
              <th scope="col">Receive count</th>
              <th scope="col">Batch item failure</th>
              <th scope="col">Deleted</th>
              <th scope="col">Body</th>
            </tr>
          </thead>
          <tbody>
            {detail.records.map((record) => (
              <tr key={record.messageId} class={failed.has(record.messageId) ? 'row-failed' : undefined}>
                <td>
                  <code>{record.messageId}</code>
                </td>
                <td>{record.receiveCount}</td>
                <td>{failed.has(record.messageId) ? 'yes' : 'no'}</td>
                <td>{record.deleted ? 'yes' : 'no'}</td>
                <td>
                  <code class="clip">{record.body}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h3>Log lines ({detail.logLines.length})</h3>
        <ol class="log-lines">
          {detail.logLines.map((line, index) => (
            <LogLine key={index} line={line} />
          ))}
        </ol>
      </section>
    </>
  );
}
