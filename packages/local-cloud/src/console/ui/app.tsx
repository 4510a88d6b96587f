import { useEffect, useState } from 'preact/hooks';
import type { InvocationDetail } from '../console-contract';
import { getJson, segment } from './api';
import { AppHeader } from './app-header';
import { CurrentView } from './current-view';
import { InvocationDetailPanel } from './invocation-detail';
import { ErrorMessage } from './messages';
import { type ConsoleRoute, parseRoute, routeHash } from './route';
import { useLiveState } from './use-live-state';

const loadInvocation = (requestId: string) => getJson<InvocationDetail>(`invocations/${segment(requestId)}`);

const go = (next: ConsoleRoute) => {
  window.location.hash = routeHash(next);
};

/** The console: a nav of views, the view of the address, and an invocation's detail beside it. */
export function App() {
  const route = useRoute();
  const { state, loadError, change } = useLiveState();
  return (
    <div class="app">
      <a class="skip-link" href="#main">
        Skip to the view
      </a>
      <AppHeader view={route.view} deadLetters={state.deadLetters.size} connected={state.connected} />
      <ErrorMessage error={loadError} />
      <div class={route.invocation ? 'layout with-detail' : 'layout'}>
        <main id="main" tabIndex={-1}>
          <CurrentView route={route} state={state} change={change} go={go} />
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
