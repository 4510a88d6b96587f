import type { LogEventsPage, LogLineView } from '../console-contract';
import { getJson } from './api';

/** The most lines the logs view keeps: older ones give way to new ones. */
export const MAX_SHOWN_LINES = 2000;
/** Pages of history read when a group is opened, at most, before the live tail takes over. */
const MAX_HISTORY_PAGES = 50;
const PAGE_SIZE = 1000;

/** What the logs view shows of a group and filter. */
export interface LogTailHandlers {
  readonly onLines: (lines: readonly LogLineView[], replace: boolean) => void;
  readonly onError: (message: string) => void;
  /** The tail is live (after the history was read). */
  readonly onLive: () => void;
}

function lineKey(line: LogLineView): string {
  return `${line.timestamp}\n${line.logStreamName}\n${line.message}`;
}

/**
 * Reads the group's matching lines so far (the last {@link MAX_SHOWN_LINES}), then follows new
 * ones over Server-Sent Events (`api/events?logGroup=&filter=`). The stream opens first and holds
 * what arrives while the history loads, so no line falls between the two. Answers a function
 * that stops it.
 */
export function followLogGroup(logGroup: string, filter: string, handlers: LogTailHandlers): () => void {
  let stopped = false;
  let held: LogLineView[] | undefined = [];
  const query = `logGroup=${encodeURIComponent(logGroup)}&filter=${encodeURIComponent(filter)}`;
  const source = new EventSource(`api/events?${query}`);
  source.addEventListener('log', (message: MessageEvent<string>) => {
    const { lines } = JSON.parse(message.data) as { lines: LogLineView[] };
    if (held) held.push(...lines);
    else handlers.onLines(lines, false);
  });
  readHistory(logGroup, filter).then(
    (history) => {
      if (stopped) return;
      const seen = new Set(history.map(lineKey));
      const later = (held ?? []).filter((line) => !seen.has(lineKey(line)));
      held = undefined;
      handlers.onLines([...history, ...later].slice(-MAX_SHOWN_LINES), true);
      handlers.onLive();
    },
    (error: Error) => {
      source.close();
      if (!stopped) handlers.onError(error.message);
    },
  );
  return () => {
    stopped = true;
    source.close();
  };
}

async function readHistory(logGroup: string, filter: string): Promise<LogLineView[]> {
  let lines: LogLineView[] = [];
  let after = '0';
  for (let page = 0; page < MAX_HISTORY_PAGES; page += 1) {
    const path = `logs/events?group=${encodeURIComponent(logGroup)}&filter=${encodeURIComponent(filter)}&after=${after}&limit=${PAGE_SIZE}`;
    const answer = await getJson<LogEventsPage>(path);
    lines = [...lines, ...answer.events].slice(-MAX_SHOWN_LINES);
    if (answer.events.length < PAGE_SIZE || answer.cursor === after) break;
    after = answer.cursor;
  }
  return lines;
}
