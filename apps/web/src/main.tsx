import '@mantine/core/styles.css';
import './ui/styles.css';
import './i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { applyStoredPreferences } from './ui/largeText';
import { App } from './App';

applyStoredPreferences();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
