import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/clock';
import {
  CorruptLogJournalError,
  InvalidParameterException,
  LOG_JOURNAL_FILE,
  LogsService,
  logFilePath,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
} from '../../src/logs';

const GROUP = '/aws/lambda/OrderPipeline-ProcessOrders';
const STREAM = '2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef';

describe('LogsService', () => {
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'local-logs-'));
  });

  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  test('keeps events per stream with the clock time, and describes groups and streams', () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const logs = new LogsService({ clock });
    logs.createLogGroup(GROUP, 'ProcessOrders');
    logs.createLogStream(GROUP, STREAM);

    logs.putLogEvents(GROUP, STREAM, ['one']);
    clock.advance(5);
    logs.putLogEvents(GROUP, STREAM, ['two']);

    expect(logs.getLogEvents(GROUP, STREAM)).toStrictEqual([
      { timestamp: Date.UTC(2026, 0, 1), message: 'one' },
      { timestamp: Date.UTC(2026, 0, 1) + 5, message: 'two' },
    ]);
    expect(logs.describeLogGroups()).toStrictEqual([
      {
        logGroupName: GROUP,
        label: 'ProcessOrders',
        creationTime: Date.UTC(2026, 0, 1),
        streams: 1,
        storedBytes: 6,
      },
    ]);
    expect(logs.describeLogStreams(GROUP)[0]).toMatchObject({ logStreamName: STREAM, storedEvents: 2 });
  });

  test('writes each stream to <directory>/<group>/<stream>.log', () => {
    const logs = new LogsService({ directory });
    logs.createLogGroup(GROUP);
    logs.createLogStream(GROUP, STREAM);

    logs.putLogEvents(GROUP, STREAM, ['first', 'second\n']);
    logs.close();

    const path = logFilePath(directory, GROUP, STREAM);
    expect(path).toBe(
      join(
        directory,
        'aws',
        'lambda',
        'OrderPipeline-ProcessOrders',
        '2026',
        '01',
        '01',
        '[$LATEST]0123456789abcdef0123456789abcdef.log',
      ),
    );
    expect(readFileSync(path, 'utf8')).toBe('first\nsecond\n');
  });

  test('a log file path never leaves the directory', () => {
    expect(logFilePath('/logs', '../../etc', '../passwd')).toBe('/logs/etc/passwd.log');
  });

  test('keeps at most the retained number of events per stream, but counts them all', () => {
    const logs = new LogsService({ retainedEventsPerStream: 3 });
    logs.createLogGroup(GROUP);
    logs.createLogStream(GROUP, STREAM);

    logs.putLogEvents(GROUP, STREAM, ['1', '2', '3', '4', '5']);

    expect(logs.getLogEvents(GROUP, STREAM).map((event) => event.message)).toStrictEqual(['3', '4', '5']);
    expect(logs.describeLogStreams(GROUP)[0].storedEvents).toBe(5);
  });

  test('tells subscribers about every event until they unsubscribe', () => {
    const logs = new LogsService();
    logs.createLogGroup(GROUP);
    logs.createLogStream(GROUP, STREAM);
    const seen: string[] = [];
    const unsubscribe = logs.subscribe((group, stream, event) =>
      seen.push(`${group} ${stream} ${event.message}`),
    );

    logs.putLogEvents(GROUP, STREAM, ['a']);
    unsubscribe();
    logs.putLogEvents(GROUP, STREAM, ['b']);

    expect(seen).toStrictEqual([`${GROUP} ${STREAM} a`]);
  });

  test('fails like CloudWatch Logs on a missing group or stream and on a duplicate', () => {
    const logs = new LogsService();
    logs.createLogGroup(GROUP);

    expect(() => logs.createLogGroup(GROUP)).toThrow(ResourceAlreadyExistsException);
    expect(() => logs.putLogEvents(GROUP, STREAM, ['x'])).toThrow(ResourceNotFoundException);
    expect(() => logs.createLogStream('/aws/lambda/missing', STREAM)).toThrow(/log group does not exist/);
  });

  test('gives every event a unique 56-digit id and its position in the stream', () => {
    const logs = new LogsService();
    logs.createLogGroup(GROUP);
    logs.createLogStream(GROUP, STREAM);
    logs.createLogStream(GROUP, 'other');

    logs.putLogEvents(GROUP, STREAM, ['a', 'b']);
    logs.putLogEvents(GROUP, 'other', ['c']);

    const events = [...logs.getStoredLogEvents(GROUP, STREAM), ...logs.getStoredLogEvents(GROUP, 'other')];
    expect(events.map((event) => event.eventId)).toStrictEqual(
      ['1', '2', '3'].map((sequence) => sequence.padStart(56, '0')),
    );
    expect(events.map((event) => event.index)).toStrictEqual([0, 1, 0]);
  });

  test('keeps a retention policy given at creation or put later, until deleted; deletes streams and groups', () => {
    const logs = new LogsService();
    logs.createLogGroup(GROUP);
    logs.createLogStream(GROUP, STREAM);

    logs.putRetentionPolicy(GROUP, 30);
    const withPolicy = logs.describeLogGroups()[0].retentionInDays;
    const created = new LogsService();
    created.createLogGroup(GROUP, 'ProcessOrders', { retentionInDays: 14 });
    logs.deleteRetentionPolicy(GROUP);
    logs.deleteLogStream(GROUP, STREAM);
    const streamsLeft = logs.describeLogStreams(GROUP);
    logs.deleteLogGroup(GROUP);

    expect(withPolicy).toBe(30);
    expect(created.describeLogGroups()[0].retentionInDays).toBe(14);
    expect(streamsLeft).toStrictEqual([]);
    expect(logs.describeLogGroups()).toStrictEqual([]);
    expect(() => logs.deleteLogGroup(GROUP)).toThrow(ResourceNotFoundException);
  });

  test("checks PutLogEvents batches by CloudWatch's rules against the cloud's clock", () => {
    const now = Date.UTC(2026, 0, 20);
    const logs = new LogsService({ clock: new ManualClock(now) });
    logs.createLogGroup(GROUP);
    logs.createLogStream(GROUP, STREAM);
    logs.putRetentionPolicy(GROUP, 1);
    const hour = 60 * 60 * 1000;

    const result = logs.putLogEventBatch(GROUP, STREAM, [
      { timestamp: now - 2 * 24 * hour, message: 'past retention' },
      { timestamp: now - hour, message: 'kept' },
      { timestamp: now + 3 * hour, message: 'too new' },
    ]);

    expect(result).toStrictEqual({
      rejectedLogEventsInfo: { tooNewLogEventStartIndex: 2, expiredLogEventEndIndex: 0 },
    });
    expect(logs.getLogEvents(GROUP, STREAM)).toStrictEqual([{ timestamp: now - hour, message: 'kept' }]);
    expect(() =>
      logs.putLogEventBatch(GROUP, STREAM, [
        { timestamp: now, message: 'later' },
        { timestamp: now - 1, message: 'earlier' },
      ]),
    ).toThrow(
      new InvalidParameterException(
        'Log events in a single PutLogEvents request must be in chronological order.',
      ),
    );
  });

  describe('with a state directory', () => {
    const now = Date.UTC(2026, 0, 1);

    function writeSomeLogs(): void {
      const logs = new LogsService({ clock: new ManualClock(now), stateDirectory: directory });
      logs.createLogGroup(GROUP, 'ProcessOrders');
      logs.createLogGroup('/gone');
      logs.createLogStream(GROUP, STREAM);
      logs.createLogStream(GROUP, 'deleted');
      logs.putRetentionPolicy(GROUP, 30);
      logs.putLogEvents(GROUP, STREAM, ['first', '{"level":"ERROR"}']);
      logs.putLogEvents(GROUP, 'deleted', ['x']);
      logs.deleteLogStream(GROUP, 'deleted');
      logs.deleteLogGroup('/gone');
      logs.close();
    }

    test('keeps groups, streams, events, ids and retention across a restart', () => {
      writeSomeLogs();
      const before = new LogsService({ stateDirectory: directory });
      const events = before.getStoredLogEvents(GROUP, STREAM);
      before.putLogEvents(GROUP, STREAM, ['after restart']);
      before.close();

      const reopened = new LogsService({ stateDirectory: directory });

      expect(reopened.describeLogGroups()).toStrictEqual([
        {
          logGroupName: GROUP,
          label: 'ProcessOrders',
          creationTime: now,
          streams: 1,
          retentionInDays: 30,
          storedBytes: 35,
        },
      ]);
      expect(
        events.map(({ message, timestamp, ingestionTime }) => [message, timestamp, ingestionTime]),
      ).toStrictEqual([
        ['first', now, now],
        ['{"level":"ERROR"}', now, now],
      ]);
      const all = reopened.getStoredLogEvents(GROUP, STREAM);
      expect(all.map((event) => event.message)).toStrictEqual([
        'first',
        '{"level":"ERROR"}',
        'after restart',
      ]);
      expect(all.slice(0, 2).map((event) => event.eventId)).toStrictEqual(
        events.map((event) => event.eventId),
      );
      expect(new Set(all.map((event) => event.eventId)).size).toBe(3);
      expect(all[2].index).toBe(2);
      reopened.close();
    });

    test('skips a torn last line and appends after it on a line of its own', () => {
      writeSomeLogs();
      const path = join(directory, LOG_JOURNAL_FILE);
      appendFileSync(path, '{"type":"putLogEvents","logGroupName":"/aws/lambda/Order');

      const afterCrash = new LogsService({ stateDirectory: directory });
      afterCrash.putLogEvents(GROUP, STREAM, ['after the crash']);
      afterCrash.close();
      const reopened = new LogsService({ stateDirectory: directory });

      expect(reopened.getLogEvents(GROUP, STREAM).map((event) => event.message)).toStrictEqual([
        'first',
        '{"level":"ERROR"}',
        'after the crash',
      ]);
      reopened.close();
    });

    test('keeps a whole last record that lost only its newline', () => {
      writeSomeLogs();
      const path = join(directory, LOG_JOURNAL_FILE);
      const record = {
        type: 'putLogEvents',
        logGroupName: GROUP,
        logStreamName: STREAM,
        events: [[now, now, 99, 'z']],
      };
      appendFileSync(path, JSON.stringify(record));

      const logs = new LogsService({ stateDirectory: directory });
      logs.putLogEvents(GROUP, STREAM, ['next']);
      logs.close();
      const reopened = new LogsService({ stateDirectory: directory });

      expect(reopened.getLogEvents(GROUP, STREAM).map((event) => event.message)).toStrictEqual([
        'first',
        '{"level":"ERROR"}',
        'z',
        'next',
      ]);
      expect(reopened.getStoredLogEvents(GROUP, STREAM)[3].eventId).toBe('100'.padStart(56, '0'));
      reopened.close();
    });

    test('refuses a journal damaged in the middle, naming the file and line', () => {
      writeFileSync(join(directory, LOG_JOURNAL_FILE), '{"type":"createLogGroup"}\nnot json\n{}\n');

      expect(() => new LogsService({ stateDirectory: directory })).toThrow(CorruptLogJournalError);
      expect(() => new LogsService({ stateDirectory: directory })).toThrow(`${LOG_JOURNAL_FILE}:2 is not`);
    });
  });
});
