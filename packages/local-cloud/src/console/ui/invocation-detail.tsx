import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { InvocationDetail, InvocationSummary } from '../console-contract';
import { errorText } from './api';
import { AttemptsFact } from './attempts-fact';
import { durationFacts } from './invocation-durations';
import { LogLine } from './log-line';
import { ErrorMessage } from './messages';
import { useFocusReturn } from './use-focus-return';
import './invocation-detail.css';

interface InvocationDetailPanelProps {
  /** The invocation's id: its request id, or `<requestId>:<attempt>` for a retry's attempt. */
  readonly requestId: string;
  /** What the timeline knows of it, shown while the detail loads (or alone, in a report). */
  readonly summary?: InvocationSummary;
  /** Loads `GET invocations/{id}`; absent offline, where only the summary is known. */
  readonly load?: (id: string) => Promise<InvocationDetail>;
  readonly onClose: () => void;
}

// Where the focus goes on closing when what opened the panel was redrawn meanwhile.
const focusFallback = () =>
  document.querySelector<HTMLElement>('[data-testid="timeline-canvas"]') ?? document.getElementById('main');

/**
 * One invocation: its records, batch item failures, log lines and REPORT line, and the other
 * attempts of its request. Opening it moves the focus to its heading; closing it (its button or
 * Escape) gives the focus back to what opened it, such as the timeline's canvas.
 */
export function InvocationDetailPanel({ requestId, summary, load, onClose }: InvocationDetailPanelProps) {
  const [detail, setDetail] = useState<InvocationDetail>();
  const [error, setError] = useState<string>();
  const panel = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const giveFocusBack = useFocusReturn(panel, requestId, focusFallback);
  const close = () => {
    giveFocusBack();
    onClose();
  };

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
      ref={panel}
      class="detail-panel"
      data-testid="invocation-detail"
      aria-labelledby="invocation-detail-heading"
      onKeyDown={(event) => event.key === 'Escape' && close()}
    >
      <header>
        <h2 id="invocation-detail-heading" ref={heading} tabIndex={-1}>
          Invocation <code>{shown?.requestId ?? requestId}</code>
          {shown?.attempt !== undefined && <span class="muted"> (attempt {shown.attempt})</span>}
        </h2>
        <button type="button" onClick={close}>
          Close <span class="muted">(Esc)</span>
        </button>
      </header>
      <ErrorMessage error={error} />
      {!shown && !error && <p>Loading…</p>}
      {shown && <SummaryFacts summary={shown} detail={detail} linked={load !== undefined} />}
      {shown && (
        <p class="muted" data-testid="duration-clocks">
          A REPORT line's durations are real milliseconds, as in CloudWatch (function code runs in real time);
          the timeline and the times read from log lines run on the cloud's clock.
        </p>
      )}
      {detail && <DetailSections detail={detail} />}
      {!load && (
        <p class="muted">
          Records and log lines are not part of a report; open the console during a run to see them.
        </p>
      )}
    </aside>
  );
}

interface SummaryFactsProps {
  readonly summary: InvocationSummary;
  readonly detail?: InvocationDetail;
  /** Whether the other attempts can be opened (not in a report, which has no detail to load). */
  readonly linked: boolean;
}

function SummaryFacts({ summary, detail, linked }: SummaryFactsProps) {
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
      <AttemptsFact summary={summary} linked={linked} />
      <dt>Started (cloud's clock)</dt>
      <dd>
        {new Date(summary.startMs).toISOString()}
        {summary.beforeRestart && <span class="muted"> (before the cloud's last restart)</span>}
      </dd>
      {durationFacts(summary, detail?.reportLine, detail?.timeScale).map((fact) => (
        <Fragment key={fact.term}>
          <dt>{fact.term}</dt>
          <dd class="prose">
            {fact.value}
            {fact.note && <span class="muted duration-note"> ({fact.note})</span>}
          </dd>
        </Fragment>
      ))}
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
