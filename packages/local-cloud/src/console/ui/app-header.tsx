import { VIEW_TITLES, VIEWS, type ViewName } from './route';

interface AppHeaderProps {
  readonly view: ViewName;
  readonly deadLetters: number;
  readonly connected: boolean;
}

/** The title, the nav of views (the open one marked as the page), and whether the page is live. */
export function AppHeader({ view, deadLetters, connected }: AppHeaderProps) {
  return (
    <header class="app-header">
      <h1>local-cloud console</h1>
      <nav aria-label="Views">
        <ul>
          {VIEWS.map((name) => (
            <li key={name}>
              <a
                href={`#${name}`}
                data-testid={`nav-${name}`}
                aria-current={view === name ? 'page' : undefined}
              >
                {navTitle(name, deadLetters)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <span class={connected ? 'connection live' : 'connection'} role="status" data-testid="connection">
        {connected ? '● live' : '○ reconnecting…'}
      </span>
    </header>
  );
}

function navTitle(name: ViewName, deadLetters: number): string {
  return name === 'dead-letters' && deadLetters > 0
    ? `${VIEW_TITLES[name]} (${deadLetters})`
    : VIEW_TITLES[name];
}
