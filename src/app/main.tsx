import { render } from 'preact';
import { App } from './App.tsx';
import { loadPipeline } from './lazy/pipeline.ts';
import './styles.css';

render(<App />, document.getElementById('app')!);
// Right after the first render is queued: the verifier downloads and compiles while the camera starts.
void loadPipeline();
