import { render } from 'preact';
import { App } from './App.tsx';
import { loadPipeline } from './lazy/pipeline.ts';
import { cameraPlaying, START_WAIT_MS } from './scan/camera-playing.ts';
import './styles.css';

// The camera and the decode worker were started by early.ts, before this script arrived.
render(<App />, document.getElementById('app')!);
// The verifier chunk once the camera plays (its parse and compile would hold up the camera's
// start on a slow phone), or after 1.5 s without one; a code judged before then loads it at once.
void cameraPlaying(START_WAIT_MS).then(loadPipeline);
