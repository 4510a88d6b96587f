import type { DeadLetterView } from '../../src/console/console-contract';
import {
  applyConsoleEvent,
  EMPTY_LIVE_STATE,
  withDeadLetters,
  withRedriven,
  withTimeline,
} from '../../src/console/ui/live-state';
import { invocationFactory } from './invocation-factory';

const deadLetter: DeadLetterView = {
  id: 'dl-1',
  deadLetterQueueName: 'orders-dlq',
  messageId: 'm-1',
  body: '{}',
  arrivedMs: 10,
  arrival: 'sent',
  reason: 'INVALID_ORDER',
  errors: ['customerAddress: is required'],
  messageAttributes: {},
  onQueue: true,
};

describe('applyConsoleEvent', () => {
  test('a running invocation is replaced when it ends', () => {
    const running = invocationFactory({ requestId: 'r', endMs: undefined, outcome: 'running' });
    let { state } = applyConsoleEvent(EMPTY_LIVE_STATE, { type: 'invocations', invocations: [running] });
    ({ state } = applyConsoleEvent(state, {
      type: 'invocations',
      invocations: [{ ...running, endMs: 2000, outcome: 'error' }],
    }));

    expect([...state.invocations.values()].map((one) => one.outcome)).toStrictEqual(['error']);
    expect(state.nowMs).toBe(2000);
  });

  test('depths, dead letters and alarms are updated by key', () => {
    let { state } = applyConsoleEvent(EMPTY_LIVE_STATE, {
      type: 'depths',
      depths: { a: { visible: 1, inFlight: 0, delayed: 0 } },
    });
    ({ state } = applyConsoleEvent(state, {
      type: 'depths',
      depths: { b: { visible: 2, inFlight: 1, delayed: 0 } },
    }));
    ({ state } = applyConsoleEvent(state, { type: 'dead-letter', deadLetter }));
    ({ state } = applyConsoleEvent(state, {
      type: 'dead-letter',
      deadLetter: { ...deadLetter, onQueue: false },
    }));

    expect(Object.keys(state.depths)).toStrictEqual(['a', 'b']);
    expect([...state.deadLetters.values()].map((one) => one.onQueue)).toStrictEqual([false]);
  });

  test('a hello with a new start means the cloud restarted: the state empties and the page reloads', () => {
    const first = applyConsoleEvent(EMPTY_LIVE_STATE, { type: 'hello', startedMs: 1, nowMs: 5 });
    const loaded = withTimeline(first.state, { nowMs: 6, invocations: [invocationFactory()], mappings: [] });
    const reconnected = applyConsoleEvent(loaded, { type: 'hello', startedMs: 1, nowMs: 7 });
    const restarted = applyConsoleEvent(loaded, { type: 'hello', startedMs: 9, nowMs: 10 });

    expect(first.reload).toBe(false);
    expect(reconnected.reload).toBe(false);
    expect(reconnected.state.invocations.size).toBe(1);
    expect(restarted.reload).toBe(true);
    expect(restarted.state.invocations.size).toBe(0);
    expect(restarted.state.connected).toBe(true);
  });

  test('a timeline answer keeps what events said meanwhile, unless it has the end of a running one', () => {
    const ended = invocationFactory({ requestId: 'ended' });
    const newer = invocationFactory({ requestId: 'newer' });
    let { state } = applyConsoleEvent(EMPTY_LIVE_STATE, {
      type: 'invocations',
      invocations: [{ ...ended, endMs: undefined, outcome: 'running' }, newer],
    });
    state = withTimeline(state, { nowMs: 5, invocations: [ended], mappings: [] });
    state = withDeadLetters(state, [{ ...deadLetter, id: 'old' }]);

    expect([...state.invocations.values()].map((one) => [one.requestId, one.outcome])).toStrictEqual([
      ['ended', 'success'],
      ['newer', 'success'],
    ]);
    expect([...state.deadLetters.keys()]).toStrictEqual(['old']);
  });

  test("a redrive's answer marks the dead letters it sent back, once", () => {
    let state = withDeadLetters(EMPTY_LIVE_STATE, [deadLetter]);
    state = withRedriven(
      state,
      {
        redriven: [
          { id: 'dl-1', messageId: 'n-1' },
          { id: 'gone', messageId: 'n-2' },
        ],
        failed: [],
      },
      50,
    );
    state = withRedriven(state, { redriven: [{ id: 'dl-1', messageId: 'n-3' }], failed: [] }, 60);

    expect(state.deadLetters.get('dl-1')?.redriven).toStrictEqual({ atMs: 50, messageId: 'n-1' });
    expect(state.deadLetters.has('gone')).toBe(false);
  });

  test("a move task's letters wait for the server to say they moved: the answer only started the task", () => {
    let state = withDeadLetters(EMPTY_LIVE_STATE, [deadLetter]);
    state = withRedriven(
      state,
      { redriven: [{ id: 'dl-1', messageId: 'm-1', via: 'move-task' }], failed: [] },
      50,
    );

    expect(state.deadLetters.get('dl-1')?.redriven).toBeUndefined();

    state = withRedriven(
      state,
      { redriven: [{ id: 'dl-1', messageId: 'n-1', via: 'resent' }], failed: [] },
      60,
    );

    expect(state.deadLetters.get('dl-1')?.redriven).toStrictEqual({
      atMs: 60,
      messageId: 'n-1',
      via: 'resent',
    });
  });

  test('log lines leave the state as it is', () => {
    const applied = applyConsoleEvent(EMPTY_LIVE_STATE, { type: 'log', lines: [] });

    expect(applied.state).toBe(EMPTY_LIVE_STATE);
  });
});
