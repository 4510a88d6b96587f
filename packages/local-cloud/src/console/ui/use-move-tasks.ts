import { useEffect, useState } from 'preact/hooks';
import type { DeadLetterView, MoveTaskView } from '../console-contract';
import { getJson } from './api';

/** The move tasks the page started, as they were last told, and how to add new ones. */
export interface MoveTasks {
  readonly tasks: readonly MoveTaskView[];
  /** Shows the tasks a redrive answer started. */
  readonly started: (tasks: readonly MoveTaskView[]) => void;
}

/**
 * Follows the message move tasks a redrive started until each is done: every message a task moves
 * comes as a dead-letter change, so each change of `deadLetters` while one runs asks for the tasks
 * again. Nothing is polled on a timer.
 */
export function useMoveTasks(deadLetters: ReadonlyMap<string, DeadLetterView>): MoveTasks {
  const [tasks, setTasks] = useState<readonly MoveTaskView[]>([]);
  const running = tasks.some((task) => task.status === 'RUNNING');
  // Each change of the dead letters is the cue to ask again.
  useEffect(() => {
    if (!running) return;
    let current = true;
    getJson<MoveTaskView[]>('dead-letters/move-tasks')
      .then((latest) => {
        if (current) setTasks((shown) => shown.map((task) => latestOf(task, latest)));
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [deadLetters, running]);
  const started = (added: readonly MoveTaskView[]) =>
    setTasks((shown) => [
      ...shown.filter(
        (task) => !added.some((other) => other.deadLetterQueueName === task.deadLetterQueueName),
      ),
      ...added,
    ]);
  return { tasks, started };
}

/** The same task as the server reports it now, if it still does. */
function latestOf(task: MoveTaskView, latest: readonly MoveTaskView[]): MoveTaskView {
  return (
    latest.find(
      (other) => other.deadLetterQueueName === task.deadLetterQueueName && other.startedMs === task.startedMs,
    ) ?? task
  );
}
