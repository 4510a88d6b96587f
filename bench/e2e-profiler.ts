import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

/** A V8 CPU profile, as `node --cpu-prof` writes it (`.cpuprofile`). */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: {
      readonly functionName: string;
      readonly url: string;
      readonly lineNumber: number;
      readonly columnNumber: number;
    };
    readonly hitCount?: number;
    readonly children?: readonly number[];
  }[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

/** The name of the main thread's profile file (without `.cpuprofile`). */
export const MAIN_THREAD_PROFILE = 'main-thread';

/** Sampling interval, µs: V8's default for `--cpu-prof` is 1000; finer costs the run more. */
const SAMPLING_INTERVAL_US = 1000;

/** Sends one inspector command to this thread's own session. */
type PostToSession = <T>(method: string, params?: object) => Promise<T>;

function postTo(session: Session): PostToSession {
  return <T>(method: string, params?: object): Promise<T> =>
    new Promise((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))),
    );
}

/**
 * Inspector commands to worker threads, through the `NodeWorker` domain: each is a message to the
 * worker's session, and its answer comes back as an event matched by id.
 */
interface WorkerChannel {
  /** Resolves with the command's result, or `undefined` once the worker is gone. */
  send(sessionId: string, method: string, params?: object): Promise<unknown>;
  /** Resolves every command still waiting on a worker that detached: no answer will come. */
  abandon(sessionId: string): void;
}

function openWorkerChannel(session: Session, post: PostToSession): WorkerChannel {
  let nextId = 1;
  const pending = new Map<string, (result: unknown) => void>();
  session.on('NodeWorker.receivedMessageFromWorker', ({ params }) => {
    const message = JSON.parse(params.message) as { id?: number; result?: unknown };
    if (message.id === undefined) return;
    const key = `${params.sessionId}:${message.id}`;
    pending.get(key)?.(message.result);
    pending.delete(key);
  });
  return {
    send(sessionId, method, params = {}) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(`${sessionId}:${id}`, resolve);
        void post('NodeWorker.sendMessageToWorker', {
          sessionId,
          message: JSON.stringify({ id, method, params }),
        }).catch(() => resolve(undefined));
      });
    },
    abandon(sessionId) {
      for (const [key, resolve] of pending) {
        if (!key.startsWith(`${sessionId}:`)) continue;
        pending.delete(key);
        resolve(undefined);
      }
    },
  };
}

/** Writes `profile` as `<directory>/<name>.cpuprofile` and returns the file, or nothing without a profile. */
function saveProfile(directory: string, name: string, profile: CpuProfile | undefined): string[] {
  if (profile === undefined) return [];
  const file = join(directory, `${name}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  return [file];
}

/**
 * Profiles this process's main thread and every worker thread it starts from now on, through the
 * inspector (the `NodeWorker` domain): `node --cpu-prof` cannot reach the local cloud's Lambda
 * instances, which run in workers started with `execArgv: []` and are terminated, not exited.
 * Each worker is held at its start until its profiler runs, so its module load is profiled too.
 *
 * @example
 * const profiler = await startThreadProfiler();
 * // ... the run ...
 * const files = await profiler.stop('/tmp/profiles'); // before the workers are terminated
 */
export async function startThreadProfiler(): Promise<{ stop(directory: string): Promise<string[]> }> {
  const session = new Session();
  session.connect();
  const post = postTo(session);
  const channel = openWorkerChannel(session, post);
  /** Profile names of the attached workers, by session id. */
  const workers = new Map<string, string>();
  session.on('NodeWorker.attachedToWorker', ({ params }) => {
    const { sessionId, workerInfo } = params;
    workers.set(sessionId, `${workerInfo.title || 'worker'}-${workerInfo.workerId}`);
    void (async () => {
      await channel.send(sessionId, 'Profiler.enable');
      await channel.send(sessionId, 'Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
      await channel.send(sessionId, 'Profiler.start');
      await channel.send(sessionId, 'Runtime.runIfWaitingForDebugger');
    })();
  });
  session.on('NodeWorker.detachedFromWorker', ({ params }) => {
    // A terminated worker's profile is lost with it (the run stops profiling before shutdown, but a
    // timed-out instance goes earlier); nothing waits on it any more.
    workers.delete(params.sessionId);
    channel.abandon(params.sessionId);
  });

  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  await post('Profiler.start');
  await post('NodeWorker.enable', { waitForDebuggerOnStart: true });

  return {
    async stop(directory) {
      const workerProfiles = await Promise.all(
        [...workers].map(async ([sessionId, name]) => {
          const result = (await channel.send(sessionId, 'Profiler.stop')) as
            | { profile?: CpuProfile }
            | undefined;
          return saveProfile(directory, name.replace(/[^\w.-]+/g, '_'), result?.profile);
        }),
      );
      const { profile } = await post<{ profile: CpuProfile }>('Profiler.stop');
      const files = [...workerProfiles.flat(), ...saveProfile(directory, MAIN_THREAD_PROFILE, profile)];
      await post('NodeWorker.disable');
      session.disconnect();
      return files;
    },
  };
}
