import { render } from 'preact';
import './console.css';

function App() {
  return (
    <main>
      <h1>local-cloud console</h1>
    </main>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
