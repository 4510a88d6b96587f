import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder under the project that holds local log files; `.local/` is git-ignored. */
export const DEFAULT_LOG_DIRECTORY = join('.local', 'logs');

/** A log group or stream name as path segments, with empty and `.`/`..` segments dropped. */
function segments(name: string): string[] {
  return name.split('/').filter((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/** The file of a log stream: `<directory>/<group>/<stream>.log`, the names' slashes kept as folders. */
export function logFilePath(directory: string, logGroupName: string, logStreamName: string): string {
  return `${join(directory, ...segments(logGroupName), ...segments(logStreamName))}.log`;
}

/**
 * Appends log events to one file per log stream, a line per line of each message. Writes are
 * synchronous, so a crash loses nothing that was logged before it.
 */
export class LogFiles {
  private readonly descriptors = new Map<string, number>();

  constructor(public readonly directory: string) {}

  append(logGroupName: string, logStreamName: string, message: string): void {
    const path = logFilePath(this.directory, logGroupName, logStreamName);
    let descriptor = this.descriptors.get(path);
    if (descriptor === undefined) {
      mkdirSync(dirname(path), { recursive: true });
      descriptor = openSync(path, 'a');
      this.descriptors.set(path, descriptor);
    }
    writeSync(descriptor, message.endsWith('\n') ? message : `${message}\n`);
  }

  close(): void {
    for (const descriptor of this.descriptors.values()) closeSync(descriptor);
    this.descriptors.clear();
  }
}
