import { render } from 'preact';
import { App } from './app';
import './styles.css';
import { startOutbox } from './outbox';

startOutbox();
render(<App />, document.getElementById('app')!);

// The app shell keeps working without signal (public/sw.js); the API is never cached.
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
