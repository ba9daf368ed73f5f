import { render } from 'preact';
import { App } from './app';
import './styles.css';
import { startOutbox } from './outbox';

startOutbox();
render(<App />, document.getElementById('app')!);
