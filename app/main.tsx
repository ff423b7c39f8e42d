import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'katex/dist/katex.min.css';
import './styles.css';
import { App } from './shell/App';
import { appStore } from './store/store';
import { startUrlSync } from './store/urlSync';
import { startPersistence } from './store/persist';
import { backendPreference, engine, startEngine } from './engine/client';
import { sanitize } from './markdown/notebook';

function initialTheme(): 'light' | 'dark' {
  try {
    const saved = localStorage.getItem('curvature:theme');
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    // no storage: fall through to the system preference
  }
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

appStore.getState().setTheme(initialTheme());
startPersistence();
startUrlSync();
startEngine(backendPreference(), (status) => appStore.getState().setBackend(status)).catch((error: Error) => {
  appStore.getState().setBackend({ kind: 'cpu', reason: 'no WebGPU', detail: error.message });
});

// A handle for the console and the end-to-end tests (e.g. `curvature.engine.simulateDeviceLoss()`,
// `curvature.sanitize(html)` to check the sanitizer's rules in a real DOM).
(window as unknown as { curvature: object }).curvature = { engine: engine(), store: appStore, sanitize };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
