/*
 * The console's page. What the browser tests can rely on (`data-testid`, and data attributes):
 * - `nav-<view>`: the nav's links, for overview, timeline, queues, dead-letters, logs, tables, alarms
 *   (`aria-current="page"` on the open one); `connection`: "● live" once the event stream is open.
 * - `timeline`: the timeline's root, with `data-lanes` (instances drawn), `data-invocations`,
 *   `data-batches` (invocations with a batch), `data-records` (the sum of their batch sizes) and
 *   `data-max-busy-<functionName>` (most invocations of that function's mappings running at once;
 *   HTML lower-cases the attribute's name, and `getAttribute` the name it is given), and
 *   `data-max-busy`: the same as JSON, `{ "<functionName>": n }`, names as they are;
 *   `timeline-canvas`: the canvas (focusable: arrows move between bars, Enter opens one, + − 0
 *   zoom; `data-frame-ms` is the last frame's drawing time); `timeline-focus`: the focused bar in words.
 * - `invocation-detail`: the open invocation's panel (also at `#<view>/invocation/<requestId>`).
 * - `overview-diagram`, `overview-node` (`data-kind`, `data-label`).
 * - `queue-row` (`data-queue`), `peek-messages`, `peeked-message`, `send-message-form`, `send-submit`,
 *   `purge-queue`, `purge-confirm`.
 * - `dead-letter-row` (`data-reason`, `data-message-id`), `dead-letter-invocation`, `redrive-status`,
 *   `redrive-selected`, `redrive-all`.
 * - `logs-group` (select), `logs-filter` (input), `logs-apply`, `log-lines`, `log-line` (`data-level`:
 *   INFO, WARN, ERROR... or empty for platform lines).
 * - `table-row`, `table-next-page`; `alarm-row` (`data-state`).
 */
import { render } from 'preact';
import { App } from './app';
import './console.css';
import './views.css';

const root = document.getElementById('app');
if (root) render(<App />, root);
