import { useState } from 'preact/hooks';
import type { RedriveRequest, RedriveResult } from '../console-contract';
import { errorText, postJson } from './api';

/** Redrives in flight and the ones that failed, by dead-letter id. */
export interface RedriveProgress {
  readonly pending: ReadonlySet<string>;
  readonly failed: ReadonlyMap<string, string>;
}

/** What the dead-letters view needs to redrive: the progress, the last error, and the action. */
export interface Redrive {
  readonly progress: RedriveProgress;
  readonly error?: string;
  /** Sends back `ids` (the dead letters `all` covers, when it is `all`); resolves once answered. */
  readonly redrive: (ids: RedriveRequest['ids'], all: readonly string[]) => Promise<void>;
}

/** `POST dead-letters/redrive`, following each dead letter from pending to redriven or failed. */
export function useRedrive(onRedriven: (result: RedriveResult) => void): Redrive {
  const [progress, setProgress] = useState<RedriveProgress>({ pending: new Set(), failed: new Map() });
  const [error, setError] = useState<string>();
  const redrive = async (ids: RedriveRequest['ids'], all: readonly string[]) => {
    const asked = ids === 'all' ? all : ids;
    setProgress((current) => ({ ...current, pending: new Set([...current.pending, ...asked]) }));
    setError(undefined);
    try {
      const result = await postJson<RedriveResult>('dead-letters/redrive', { ids } satisfies RedriveRequest);
      onRedriven(result);
      setProgress((current) => settle(current, asked, result));
    } catch (failure) {
      setError(errorText(failure));
      setProgress((current) => settle(current, asked, { redriven: [], failed: [] }));
    }
  };
  return { progress, error, redrive };
}

function settle(current: RedriveProgress, asked: readonly string[], result: RedriveResult): RedriveProgress {
  const pending = new Set(current.pending);
  for (const id of asked) pending.delete(id);
  const failed = new Map(current.failed);
  for (const { id } of result.redriven) failed.delete(id);
  for (const { id, error } of result.failed) failed.set(id, error);
  return { pending, failed };
}
