import { useCallback, useMemo } from 'preact/hooks';
import type { InvocationSummary } from '../console-contract';
import { AlarmsView } from './alarms-view';
import { DeadLettersView } from './dead-letters-view';
import { type LiveState, withRedriven } from './live-state';
import { LogsView } from './logs-view';
import { OverviewView } from './overview-view';
import { QueuesView } from './queues-view';
import { type ConsoleRoute, routeHash } from './route';
import { TablesView } from './tables-view';
import { TimelineView } from './timeline-view';

interface CurrentViewProps {
  readonly route: ConsoleRoute;
  readonly state: LiveState;
  readonly change: (next: (state: LiveState) => LiveState) => void;
  readonly go: (route: ConsoleRoute) => void;
}

/** The view the address names, given the live state it shows. */
export function CurrentView({ route, state, change, go }: CurrentViewProps) {
  // Only the views that show invocations read them, so the others cost nothing as a run streams in.
  const shown = route.view === 'timeline' || route.view === 'overview' ? state.invocations : undefined;
  const invocations = useMemo(() => (shown ? [...shown.values()] : []), [shown]);
  const running = useMemo(
    () => (route.view === 'overview' ? runningByFunction(invocations) : new Map<string, number>()),
    [route.view, invocations],
  );
  // A stable callback lets the (memoized) timeline skip renders that change nothing it shows.
  const openInvocation = useCallback(
    (requestId: string) => go({ ...route, invocation: requestId }),
    [go, route],
  );
  switch (route.view) {
    case 'timeline':
      return (
        <TimelineView
          invocations={invocations}
          mappings={state.mappings}
          nowMs={state.nowMs}
          onOpen={openInvocation}
        />
      );
    case 'queues':
      return (
        <QueuesView
          depths={state.depths}
          selected={route.item}
          onSelect={(item) => go({ view: 'queues', item })}
        />
      );
    case 'dead-letters':
      return (
        <DeadLettersView
          deadLetters={state.deadLetters}
          invocationHref={(requestId) => routeHash({ view: 'dead-letters', invocation: requestId })}
          onRedriven={(result) => change((current) => withRedriven(current, result, current.nowMs))}
        />
      );
    case 'logs':
      return <LogsView />;
    case 'tables':
      return (
        <TablesView
          selected={route.item}
          groupBy={route.groupBy}
          onSelect={(item) => go({ view: 'tables', item })}
          onGroupBy={(groupBy) => go({ view: 'tables', item: route.item, ...(groupBy ? { groupBy } : {}) })}
        />
      );
    case 'alarms':
      return <AlarmsView alarms={state.alarms} />;
    default:
      return <OverviewView depths={state.depths} running={running} />;
  }
}

function runningByFunction(invocations: readonly InvocationSummary[]): Map<string, number> {
  const running = new Map<string, number>();
  for (const { functionName, outcome } of invocations) {
    if (outcome === 'running') running.set(functionName, (running.get(functionName) ?? 0) + 1);
  }
  return running;
}
