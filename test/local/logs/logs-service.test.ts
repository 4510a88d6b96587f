import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../../local/clock';
import {
  LogsService,
  logFilePath,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
} from '../../../local/logs';

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
      { logGroupName: GROUP, label: 'ProcessOrders', creationTime: Date.UTC(2026, 0, 1), streams: 1 },
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
});
