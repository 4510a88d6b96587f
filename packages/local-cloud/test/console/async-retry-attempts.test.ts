import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scaledClock } from '../../src/clock';
import { LocalCloud } from '../../src/cloud';
import type { InvocationDetail, TimelineSnapshot } from '../../src/console/console-contract';
import { type ConsoleServer, startConsoleServer } from '../../src/console/console-server';
import { eventually } from './console-fixture';
import { NOTIFY_ERROR, RETRYING_APP_STACK, writeRetryingAppAssembly } from './retrying-app';

/** Lambda waits a cloud minute before the retry: a real second at this scale. */
const TIME_SCALE = 60;

describe('the console, for an asynchronous invocation Lambda retried', () => {
  const directory = mkdtempSync(join(tmpdir(), 'retrying-app-'));
  let cloud: LocalCloud;
  let server: ConsoleServer;
  /** The cloud reports each event it drops after its last retry, as there is no destination. */
  const problems: string[] = [];

  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`http://127.0.0.1:${server.port}/_console/api/${path}`);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    writeRetryingAppAssembly(directory);
    cloud = await LocalCloud.start({
      assemblyDirectory: directory,
      stackName: RETRYING_APP_STACK,
      clock: scaledClock(TIME_SCALE),
      onProblem: (problem) => problems.push(problem),
    });
    server = await startConsoleServer(cloud);
  });

  afterAll(async () => {
    await server?.close();
    await cloud?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  test('shows each attempt as its own invocation: same request id, attempts 1 and 2, each failed', async () => {
    const functionName = cloud.lambda.getFunction('Notify').functionName;
    const requestId = cloud.lambda.invokeAsync(functionName, { to: 'someone' });

    const timeline = await eventually('both attempts ended', async () => {
      const snapshot = await get<TimelineSnapshot>('timeline');
      const ended = snapshot.invocations.filter(
        (one) => one.requestId === requestId && one.endMs !== undefined,
      );
      return ended.length === 2 ? snapshot : undefined;
    });

    const attempts = timeline.invocations.filter((one) => one.requestId === requestId);
    expect(attempts.map(({ attempt, attempts, outcome }) => ({ attempt, attempts, outcome }))).toStrictEqual([
      { attempt: 1, attempts: 2, outcome: 'error' },
      { attempt: 2, attempts: 2, outcome: 'error' },
    ]);
    expect(attempts[1].startMs).toBeGreaterThanOrEqual((attempts[0].endMs ?? Infinity) + 60_000);
    expect(timeline.timeScale).toBe(TIME_SCALE);
  });

  test('gives each attempt its own START to REPORT lines; the request id alone is the first attempt', async () => {
    const functionName = cloud.lambda.getFunction('Notify').functionName;
    const requestId = cloud.lambda.invokeAsync(functionName, { to: 'someone else' });
    const second = await eventually('the second attempt ended', async () => {
      const response = await fetch(`http://127.0.0.1:${server.port}/_console/api/invocations/${requestId}:2`);
      if (response.status !== 200) return undefined;
      const detail = (await response.json()) as InvocationDetail;
      return detail.reportLine === undefined ? undefined : detail;
    });
    const first = await get<InvocationDetail>(`invocations/${requestId}`);

    for (const [detail, attempt] of [
      [first, 1],
      [second, 2],
    ] as const) {
      expect(detail).toMatchObject({
        requestId,
        attempt,
        attempts: 2,
        outcome: 'error',
        timeScale: TIME_SCALE,
      });
      const messages = detail.logLines.map((line) => line.message);
      expect(messages[0]).toMatch(new RegExp(`^START RequestId: ${requestId}`));
      expect(messages.filter((message) => message.startsWith('START'))).toHaveLength(1);
      expect(messages.some((message) => message.includes(NOTIFY_ERROR))).toBe(true);
      expect(messages.at(-1)).toMatch(new RegExp(`^REPORT RequestId: ${requestId}`));
    }
  });
});
