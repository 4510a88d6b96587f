import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from './atomic-file';
import { type Clock, scaledClock } from './clock';

/** How often the cloud time reached is written down, in real milliseconds. */
const CHECKPOINT_INTERVAL_MS = 250;

const CHECKPOINT_FILE = 'clock.json';

/** A scaled clock that resumes from a state folder, and keeps writing the cloud time it reaches. */
export interface ResumedClock {
  readonly clock: Clock;
  /** Writes the last checkpoint and stops writing. */
  stop(): void;
}

/** The cloud time the last run on this state folder reached, or undefined for a new folder. */
export function lastCloudTime(stateDirectory: string): number | undefined {
  try {
    const { cloudTime } = JSON.parse(readFileSync(join(stateDirectory, CHECKPOINT_FILE), 'utf8'));
    return Number.isFinite(cloudTime) ? cloudTime : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A clock for a cloud whose queues and tables outlive the process. At a time scale of 10, cloud time
 * runs ahead of the wall clock, and the SQS journal keeps visibility deadlines, delays and sent
 * timestamps in cloud time; a restart that went back to the wall clock would leave in-flight
 * messages invisible for as long as the last run had run ahead. So cloud time resumes from the
 * latest of the wall clock and the last checkpoint, and a checkpoint is written every 250 ms (a
 * `kill -9` loses at most that much real time, which only makes deadlines come a little later).
 */
export function resumedClock(stateDirectory: string, scale: number): ResumedClock {
  const clock = scaledClock(scale, Math.max(Date.now(), lastCloudTime(stateDirectory) ?? 0));
  const file = join(stateDirectory, CHECKPOINT_FILE);
  const write = () => writeFileAtomically(file, JSON.stringify({ cloudTime: clock.now(), scale }));
  write();
  const timer = setInterval(write, CHECKPOINT_INTERVAL_MS);
  timer.unref();
  return {
    clock,
    stop: () => {
      clearInterval(timer);
      write();
    },
  };
}
