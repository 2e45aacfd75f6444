import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './api/client';
import { App, preloadEntryPage } from './app';
import { loadConfig } from './config';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
// The entry page's code travels beside the settings; the first render waits for both, so it shows the page itself.
const entryPage = preloadEntryPage(window.location.pathname);
Promise.all([loadConfig(), entryPage]).then(
  ([config]) => {
    api(config.apiUrl);
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  },
  () => {
    // Without its settings the app cannot reach the API; say so plainly, in both languages.
    const p = document.createElement('p');
    p.className = 'boot-error';
    p.textContent = '无法加载网站配置，请刷新重试。The site settings could not be loaded; please reload.';
    document.getElementById('root')!.append(p);
  },
);
