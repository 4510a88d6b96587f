import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scaledClock } from '../../src/clock';
import { LocalCloud } from '../../src/cloud';
import { ACTIVITY_JOURNAL_FILE, ActivityJournal } from '../../src/console/activity-journal';
import { CONSOLE_APP_STACK, REJECTION_ERROR, writeConsoleAppAssembly } from './console-app';
import { eventually } from './console-fixture';

describe('the console after a restart on the same state directory', () => {
  let folder: string;
  let cloud: LocalCloud | undefined;
  const problems: string[] = [];

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'console-restart-'));
    writeConsoleAppAssembly(folder);
  });

  afterAll(async () => {
    await cloud?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const state = () => join(folder, 'state');

  const start = (stateDirectory: string | undefined) =>
    LocalCloud.start({
      assemblyDirectory: folder,
      stackName: CONSOLE_APP_STACK,
      clock: scaledClock(10),
      onProblem: (message) => problems.push(message),
      ...(stateDirectory === undefined ? {} : { stateDirectory }),
    });

  function send(running: LocalCloud, body: string): void {
    const inbox = running.stack.queues.find((queue) => queue.logicalId === 'Inbox')?.queueName ?? '';
    running.sqs.model.sendMessage({
      QueueUrl: `${running.sqs.model.endpoint}/${running.sqs.model.accountId}/${inbox}`,
      MessageBody: body,
    });
  }

  /** Waits until the consumer rejected `body`: its dead letter is linked to the invocation that sent it. */
  function rejected(running: LocalCloud, body: string) {
    return eventually(`${body} rejected`, () =>
      running.activity.deadLetters().find((letter) => letter.body === body && letter.requestId !== undefined),
    );
  }

  test("shows the earlier run's invocations and dead letters, marked so, with their log lines", async () => {
    cloud = await start(state());
    send(cloud, 'reject 1');
    const letter = await rejected(cloud, 'reject 1');
    const ran = await eventually('the rejecting invocation ended', () =>
      cloud?.activity.timeline().invocations.find((one) => one.requestId === letter.requestId && one.endMs),
    );
    await cloud.stop();

    cloud = await start(state());

    expect(cloud.activity.timeline().invocations).toContainEqual({ ...ran, beforeRestart: true });
    expect(cloud.activity.deadLetters()).toStrictEqual([{ ...letter, beforeRestart: true }]);
    const detail = cloud.activity.invocation(ran.requestId);
    expect(detail?.logLines.map((line) => line.message)).toContainEqual(
      expect.stringMatching(/"body":"reject 1"/),
    );
    send(cloud, 'reject 2');
    const after = await rejected(cloud, 'reject 2');
    expect(after.id).not.toBe(letter.id);
    expect(after.beforeRestart).toBeUndefined();
    expect(problems).toStrictEqual([]);
  });

  test('messages on a dead-letter queue that the journal lacks are shown from the queue, and said so', async () => {
    await cloud?.stop();
    rmSync(join(state(), 'console', ACTIVITY_JOURNAL_FILE));
    problems.length = 0;

    cloud = await start(state());

    expect(
      cloud.activity.deadLetters().map(({ body, reason, errors, onQueue, beforeRestart }) => ({
        body,
        reason,
        errors,
        onQueue,
        beforeRestart,
      })),
    ).toStrictEqual(
      ['reject 1', 'reject 2'].map((body) => ({
        body,
        reason: 'VALIDATION_FAILED',
        errors: [REJECTION_ERROR],
        onQueue: true,
        beforeRestart: true,
      })),
    );
    expect(problems).toStrictEqual([
      expect.stringMatching(
        /^console activity: 2 message\(s\) on the dead-letter queue .*InboxDlq.* were not in .*activity\.jsonl/,
      ),
    ]);
  });

  test('without a state directory the recorder opens no journal', async () => {
    await cloud?.stop();
    const open = jest.spyOn(ActivityJournal, 'open');
    cloud = await start(undefined);
    send(cloud, 'reject 3');
    await rejected(cloud, 'reject 3');
    await cloud.stop();
    cloud = undefined;

    expect(open).not.toHaveBeenCalled();
    open.mockRestore();
  });
});
