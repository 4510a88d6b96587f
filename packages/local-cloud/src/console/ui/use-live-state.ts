import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { AlarmView, ConsoleEvent, DeadLetterView, TimelineSnapshot } from '../console-contract';
import { errorText, getJson } from './api';
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
  stateRef.current = state;
  const change = useCallback((next: (previous: LiveState) => LiveState) => {
    stateRef.current = next(stateRef.current);
    setState(stateRef.current);
  }, []);

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
      change(() => applied.state);
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
    };
  }, [change]);

  return { state, loadError, change };
}
