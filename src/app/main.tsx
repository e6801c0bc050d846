import { render } from 'preact';
import { App } from './App.tsx';
import { loadPipeline } from './lazy/pipeline.ts';
import { warmDecodeWorker } from './scan/decode-worker.ts';
import './styles.css';

// First of all, the QR decoder starts loading in its worker (off this thread): by the time the
// page has rendered and the camera has opened, the wasm module is fetched and compiled.
warmDecodeWorker();
render(<App />, document.getElementById('app')!);
// Right after the first render is queued: the verifier downloads and compiles while the camera starts.
void loadPipeline();
