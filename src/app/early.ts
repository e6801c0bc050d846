/**
 * The page's first script, a few hundred bytes that index.html runs before the app's own (async:
 * as soon as it arrives). On a slow phone the app's script takes most of a second to compile and
 * run; what needs none of it starts here meanwhile: on the scan screen, the camera (it opens in
 * the browser's media stack: camera-early.ts), and the decode worker with its wasm decoder.
 */
import { onScanPath } from './routes/scan-path.ts';
import { openCameraEarly } from './scan/camera-early.ts';
import { warmDecodeWorker } from './scan/decode-worker.ts';

if (onScanPath()) openCameraEarly();
warmDecodeWorker();
