import type {
  AlarmView,
  ConsoleEvent,
  DeadLetterView,
  InvocationSummary,
  MappingCap,
  QueueDepthView,
  TimelineSnapshot,
} from '../console-contract';

/** What the page keeps of the cloud and updates from its Server-Sent Events. */
export interface LiveState {
  /** The cloud's start, from `hello`: a new one means the cloud restarted. */
  readonly startedMs?: number;
  /** The latest cloud time heard of. */
  readonly nowMs: number;
  /** By request id, in the order first heard of. */
  readonly invocations: ReadonlyMap<string, InvocationSummary>;
  readonly mappings: readonly MappingCap[];
  /** By queue name. */
  readonly depths: Readonly<Record<string, QueueDepthView>>;
  /** By the console's dead-letter id. */
  readonly deadLetters: ReadonlyMap<string, DeadLetterView>;
  /** By alarm name. */
  readonly alarms: ReadonlyMap<string, AlarmView>;
  /** Whether the event stream is open. */
  readonly connected: boolean;
}

export const EMPTY_LIVE_STATE: LiveState = {
  nowMs: 0,
  invocations: new Map(),
  mappings: [],
  depths: {},
  deadLetters: new Map(),
  alarms: new Map(),
  connected: false,
};

/** The state after one event, and whether the page must load everything again (the cloud restarted). */
export interface AppliedEvent {
  readonly state: LiveState;
  readonly reload: boolean;
}

/** Applies one Server-Sent Event. `log` events belong to the logs view and leave the state as it is. */
export function applyConsoleEvent(state: LiveState, event: ConsoleEvent): AppliedEvent {
  switch (event.type) {
    case 'hello': {
      const restarted = state.startedMs !== undefined && state.startedMs !== event.startedMs;
      const base = restarted ? EMPTY_LIVE_STATE : state;
      return {
        state: {
          ...base,
          startedMs: event.startedMs,
          nowMs: Math.max(base.nowMs, event.nowMs),
          connected: true,
        },
        reload: restarted,
      };
    }
    case 'invocations':
      return { state: withInvocations(state, event.invocations), reload: false };
    case 'depths':
      return { state: { ...state, depths: { ...state.depths, ...event.depths } }, reload: false };
    case 'dead-letter':
      return {
        state: { ...state, deadLetters: withEntry(state.deadLetters, event.deadLetter.id, event.deadLetter) },
        reload: false,
      };
    case 'alarm':
      return {
        state: { ...state, alarms: withEntry(state.alarms, event.alarm.alarmName, event.alarm) },
        reload: false,
      };
    default:
      return { state, reload: false };
  }
}

/** Replaces the invocations and caps with a `GET timeline` answer. */
export function withTimeline(state: LiveState, snapshot: TimelineSnapshot): LiveState {
  const invocations = new Map(snapshot.invocations.map((invocation) => [invocation.requestId, invocation]));
  return { ...state, invocations, mappings: snapshot.mappings, nowMs: Math.max(state.nowMs, snapshot.nowMs) };
}

/** Adds or updates invocations (a running one is sent again once it ends). */
export function withInvocations(state: LiveState, invocations: readonly InvocationSummary[]): LiveState {
  if (invocations.length === 0) return state;
  const next = new Map(state.invocations);
  let nowMs = state.nowMs;
  for (const invocation of invocations) {
    next.set(invocation.requestId, invocation);
    nowMs = Math.max(nowMs, invocation.endMs ?? invocation.startMs);
  }
  return { ...state, invocations: next, nowMs };
}

/** Replaces the dead letters with a `GET dead-letters` answer. */
export function withDeadLetters(state: LiveState, deadLetters: readonly DeadLetterView[]): LiveState {
  return { ...state, deadLetters: new Map(deadLetters.map((deadLetter) => [deadLetter.id, deadLetter])) };
}

/** Replaces the alarms with a `GET alarms` answer. */
export function withAlarms(state: LiveState, alarms: readonly AlarmView[]): LiveState {
  return { ...state, alarms: new Map(alarms.map((alarm) => [alarm.alarmName, alarm])) };
}

function withEntry<V>(map: ReadonlyMap<string, V>, key: string, value: V): ReadonlyMap<string, V> {
  const next = new Map(map);
  next.set(key, value);
  return next;
}
