// Entry point of the renderer: the language the RAO chose last time, then the desk.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { bridge } from './bridge';
import { initI18n, isLanguage } from './i18n/index';

async function start(): Promise<void> {
  const settings = await bridge.call('settings.get', {});
  const saved = settings.ok ? settings.value.settings.language : undefined;
  initI18n(isLanguage(saved) ? saved : 'en');
  const root = document.getElementById('root');
  if (root)
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
}

void start();
