import { useEffect, useMemo, useState } from 'preact/hooks';
import type { InvocationDetail } from '../console-contract';
import { AlarmsView } from './alarms-view';
import { getJson, segment } from './api';
import { DeadLettersView } from './dead-letters-view';
import { InvocationDetailPanel } from './invocation-detail';
import { withRedriven } from './live-state';
import { LogsView } from './logs-view';
import { ErrorMessage } from './messages';
import { OverviewView } from './overview-view';
import { QueuesView } from './queues-view';
import { type ConsoleRoute, parseRoute, routeHash, VIEW_TITLES, VIEWS, type ViewName } from './route';
import { TablesView } from './tables-view';
import { TimelineView } from './timeline-view';
import { useLiveState } from './use-live-state';

const loadInvocation = (requestId: string) => getJson<InvocationDetail>(`invocations/${segment(requestId)}`);

/** The console: a nav of views, the view of the address, and an invocation's detail over it. */
export function App() {
  const route = useRoute();
  const { state, loadError, change } = useLiveState();
  const invocations = useMemo(() => [...state.invocations.values()], [state.invocations]);
  const running = useMemo(() => runningByFunction(invocations), [invocations]);
  const go = (next: ConsoleRoute) => {
    window.location.hash = routeHash(next);
  };

  const view = () => {
    switch (route.view) {
      case 'timeline':
        return (
          <TimelineView
            invocations={invocations}
            mappings={state.mappings}
            nowMs={state.nowMs}
            onOpen={(requestId) => go({ ...route, invocation: requestId })}
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
        return <TablesView selected={route.item} onSelect={(item) => go({ view: 'tables', item })} />;
      case 'alarms':
        return <AlarmsView alarms={state.alarms} />;
      default:
        return <OverviewView depths={state.depths} running={running} />;
    }
  };

  return (
    <div class="app">
      <a class="skip-link" href="#main">
        Skip to the view
      </a>
      <header class="app-header">
        <h1>local-cloud console</h1>
        <nav aria-label="Views">
          <ul>
            {VIEWS.map((name) => (
              <li key={name}>
                <a
                  href={`#${name}`}
                  data-testid={`nav-${name}`}
                  aria-current={route.view === name ? 'page' : undefined}
                >
                  {navTitle(name, state.deadLetters.size)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span
          class={state.connected ? 'connection live' : 'connection'}
          role="status"
          data-testid="connection"
        >
          {state.connected ? '● live' : '○ reconnecting…'}
        </span>
      </header>
      <ErrorMessage error={loadError} />
      <div class={route.invocation ? 'layout with-detail' : 'layout'}>
        <main id="main" tabIndex={-1}>
          {view()}
        </main>
        {route.invocation && (
          <InvocationDetailPanel
            requestId={route.invocation}
            summary={state.invocations.get(route.invocation)}
            load={loadInvocation}
            onClose={() =>
              go({ view: route.view, ...(route.item === undefined ? {} : { item: route.item }) })
            }
          />
        )}
      </div>
    </div>
  );
}

function navTitle(name: ViewName, deadLetters: number): string {
  return name === 'dead-letters' && deadLetters > 0
    ? `${VIEW_TITLES[name]} (${deadLetters})`
    : VIEW_TITLES[name];
}

function runningByFunction(
  invocations: readonly { functionName: string; outcome: string }[],
): Map<string, number> {
  const running = new Map<string, number>();
  for (const invocation of invocations) {
    if (invocation.outcome === 'running')
      running.set(invocation.functionName, (running.get(invocation.functionName) ?? 0) + 1);
  }
  return running;
}

/** The route of the address's fragment, followed as it changes (links, Back, Forward). */
function useRoute(): ConsoleRoute {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
