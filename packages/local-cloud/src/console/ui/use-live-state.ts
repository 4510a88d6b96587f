import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AlarmView, ConsoleEvent, DeadLetterView, TimelineSnapshot } from '../console-contract';
import { errorText, getJson } from './api';
import { type CommitClock, commitThrottle } from './commit-throttle';
import {
  applyConsoleEvent,
  EMPTY_LIVE_STATE,
  type LiveState,
  withAlarms,
  withDeadLetters,
  withTimeline,
} from './live-state';

/** The live state and an error loading it. */
export interface LiveConsole {
  readonly state: LiveState;
  readonly loadError?: string;
  /** Changes the state with what the page learnt from an answer rather than an event. */
  readonly change: (next: (state: LiveState) => LiveState) => void;
}

/**
 * Events change the page at most this often: a run streams in an event batch every 250 ms, and
 * each commit redraws the open view, which costs the machine the cloud runs on. At 500 ms the
 * page's chromium took 0.05 ms of CPU per order and slowed a 10,000-order run by 4.7 and 5.8 %;
 * at 1 s, 0.04 ms and 3.3 and 1.8 % (`npm run bench -- --only console --orders 10000`).
 */
const EVENT_COMMIT_INTERVAL_MS = 1_000;

/** The browser's clock: `performance.now`, timers and `requestAnimationFrame`. */
const BROWSER_CLOCK: CommitClock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => window.setTimeout(run, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
  onFrame: (run) => window.requestAnimationFrame(run),
  cancelFrame: (handle) => window.cancelAnimationFrame(handle as number),
};

const EVENT_TYPES: readonly ConsoleEvent['type'][] = [
  'hello',
  'invocations',
  'depths',
  'dead-letter',
  'alarm',
];

/**
 * Opens the one event stream (`api/events`) and loads the timeline, dead letters and alarms; when
 * a `hello` says the cloud restarted, the page loads again, with the new cloud's token.
 * EventSource reconnects by itself; the page never polls.
 */
export function useLiveState(): LiveConsole {
  const [state, setState] = useState<LiveState>(EMPTY_LIVE_STATE);
  const [loadError, setLoadError] = useState<string>();
  const stateRef = useRef(state);
  const change = useCallback((next: (previous: LiveState) => LiveState) => {
    stateRef.current = next(stateRef.current);
    setState(stateRef.current);
  }, []);
  // Events update the ref at once (the next event builds on it) and the page on a throttled frame.
  const throttle = useMemo(
    () => commitThrottle(() => setState(stateRef.current), EVENT_COMMIT_INTERVAL_MS, BROWSER_CLOCK),
    [],
  );

  useEffect(() => {
    let closed = false;
    const load = async () => {
      try {
        const [timeline, deadLetters, alarms] = await Promise.all([
          getJson<TimelineSnapshot>('timeline'),
          getJson<DeadLetterView[]>('dead-letters'),
          getJson<AlarmView[]>('alarms'),
        ]);
        if (closed) return;
        change((previous) =>
          withAlarms(withDeadLetters(withTimeline(previous, timeline), deadLetters), alarms),
        );
        setLoadError(undefined);
      } catch (error) {
        if (!closed) setLoadError(errorText(error));
      }
    };
    const source = new EventSource('api/events');
    const onEvent = (message: MessageEvent<string>) => {
      const applied = applyConsoleEvent(stateRef.current, JSON.parse(message.data) as ConsoleEvent);
      stateRef.current = applied.state;
      throttle.request();
      // A restarted cloud has a new console token too: only a fresh page has it. The address keeps
      // the view, so the user lands where they were.
      if (applied.reload) window.location.reload();
    };
    for (const type of EVENT_TYPES) source.addEventListener(type, onEvent);
    source.onerror = () => change((previous) => ({ ...previous, connected: false }));
    void load();
    return () => {
      closed = true;
      source.close();
      throttle.cancel();
    };
  }, [change, throttle]);

  return { state, loadError, change };
}
