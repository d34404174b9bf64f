import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './ui/styles.css';
import { App } from './ui/App';
import { installRouter } from './ui/router';
import { installAuthPrompt } from './ui/TokenPrompt';
import { captureTokenFromLocation } from './net/auth';
import { debugSnapshot } from './store/session';

declare global {
  interface Window {
    __flowcraft?: { getState(): ReturnType<typeof debugSnapshot> };
  }
}

// read-only, for tests and debugging (configurable only so that a dev reload can set it again)
Object.defineProperty(window, '__flowcraft', {
  value: Object.freeze({ getState: () => debugSnapshot() }),
  writable: false,
  configurable: true,
});

captureTokenFromLocation();
installAuthPrompt();
installRouter();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
