import type {
  AlarmView,
  ConsoleEvent,
  DeadLetterView,
  InvocationSummary,
  MappingCap,
  QueueDepthView,
  RedriveResult,
  TimelineSnapshot,
} from '../console-contract';
import { invocationId } from '../invocation-id';

/** What the page keeps of the cloud and updates from its Server-Sent Events. */
export interface LiveState {
  /** The cloud's start, from `hello`: a new one means the cloud restarted. */
  readonly startedMs?: number;
  /** The latest cloud time heard of. */
  readonly nowMs: number;
  /** By invocation id (each attempt of a retried request has its own), in the order first heard of. */
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

/**
 * Takes a `GET timeline` answer. Invocations heard of by events while it was on its way are newer
 * and stay, unless the answer has the end of one the events still had running.
 */
export function withTimeline(state: LiveState, snapshot: TimelineSnapshot): LiveState {
  const invocations = new Map(
    snapshot.invocations.map((invocation) => [invocationId(invocation), invocation]),
  );
  for (const [id, heard] of state.invocations) {
    if (heard.outcome !== 'running' || !invocations.has(id)) invocations.set(id, heard);
  }
  return { ...state, invocations, mappings: snapshot.mappings, nowMs: Math.max(state.nowMs, snapshot.nowMs) };
}

/** Adds or updates invocations (a running one is sent again once it ends). */
export function withInvocations(state: LiveState, invocations: readonly InvocationSummary[]): LiveState {
  if (invocations.length === 0) return state;
  const next = new Map(state.invocations);
  let nowMs = state.nowMs;
  for (const invocation of invocations) {
    next.set(invocationId(invocation), invocation);
    nowMs = Math.max(nowMs, invocation.endMs ?? invocation.startMs);
  }
  return { ...state, invocations: next, nowMs };
}

/** Takes a `GET dead-letters` answer; what events said since it was asked for is newer and stays. */
export function withDeadLetters(state: LiveState, deadLetters: readonly DeadLetterView[]): LiveState {
  return { ...state, deadLetters: overlay(deadLetters, (deadLetter) => deadLetter.id, state.deadLetters) };
}

/** Takes a `GET alarms` answer; what events said since it was asked for is newer and stays. */
export function withAlarms(state: LiveState, alarms: readonly AlarmView[]): LiveState {
  return { ...state, alarms: overlay(alarms, (alarm) => alarm.alarmName, state.alarms) };
}

/**
 * Marks the dead letters a redrive sent back, at `atMs` (cloud time), as its answer says: the
 * server records them but sends no event for it. Not those a message move task is to move: the
 * answer only says the task started, and the server's dead-letter event marks each letter once the
 * task really moved it (a task that fails leaves them as they were).
 */
export function withRedriven(state: LiveState, result: RedriveResult, atMs: number): LiveState {
  const sentBack = result.redriven.filter((redriven) => redriven.via !== 'move-task');
  if (sentBack.length === 0) return state;
  const deadLetters = new Map(state.deadLetters);
  for (const { id, messageId, via } of sentBack) {
    const deadLetter = deadLetters.get(id);
    if (deadLetter && !deadLetter.redriven)
      deadLetters.set(id, {
        ...deadLetter,
        redriven: { atMs, messageId, ...(via === undefined ? {} : { via }) },
      });
  }
  return { ...state, deadLetters };
}

function overlay<V>(
  answer: readonly V[],
  keyOf: (value: V) => string,
  heard: ReadonlyMap<string, V>,
): Map<string, V> {
  const merged = new Map(answer.map((value) => [keyOf(value), value]));
  for (const [key, value] of heard) merged.set(key, value);
  return merged;
}

function withEntry<V>(map: ReadonlyMap<string, V>, key: string, value: V): ReadonlyMap<string, V> {
  const next = new Map(map);
  next.set(key, value);
  return next;
}
