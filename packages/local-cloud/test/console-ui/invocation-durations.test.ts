import { durationFacts, formatDuration } from '../../src/console/ui/invocation-durations';
import { invocationFactory } from './invocation-factory';

const REPORT =
  'REPORT RequestId: r-1\tDuration: 312.40 ms\tBilled Duration: 313 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tInit Duration: 95.10 ms';

describe('an invocation’s durations, each with its clock', () => {
  test("the REPORT line's real milliseconds come first, then START to END on the cloud's clock with the time scale", () => {
    const summary = invocationFactory({ startMs: 0, endMs: 3124, initDurationMs: 951 });

    expect(durationFacts(summary, REPORT, 10)).toStrictEqual([
      { term: 'Duration (REPORT, real time)', value: '312 ms' },
      { term: 'Init duration (REPORT, real time)', value: '95 ms' },
      {
        term: "START to END on the cloud's clock",
        value: '3.12 s',
        note: "time scale 10: the cloud's clock runs 10× as fast as real time, so about 312 ms of real time",
      },
      { term: "Cold start (INIT) on the cloud's clock", value: '951 ms' },
    ]);
  });

  test('without a REPORT line (still running, or in a report) only the cloud clock is shown, and says so', () => {
    const running = invocationFactory({ startMs: 0, endMs: undefined, outcome: 'running' });

    expect(durationFacts(running, undefined, undefined)).toStrictEqual([
      {
        term: "START to END on the cloud's clock",
        value: 'running',
        note: 'the clock the timeline draws; its time scale was not recorded',
      },
    ]);
  });

  test('at time scale 1 both clocks agree, and the note says so', () => {
    const facts = durationFacts(invocationFactory({ startMs: 0, endMs: 12 }), undefined, 1);

    expect(facts[0].note).toBe('time scale 1: the same as real time');
  });

  test.each([
    [2.345, '2.35 ms'],
    [312.4, '312 ms'],
    [3124, '3.12 s'],
    [61_000, '61.0 s'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
