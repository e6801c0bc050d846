/**
 * What the smoke checks need besides a browser: a QR picture of a demo code, page scripts that
 * give a browser without a camera a synthetic one and let the spec see which QR reader answered,
 * and a stoppable proxy in front of the demo server (so "the server is gone" is real for the
 * browser while the demo server lives on for the other engines).
 */
import { createServer, request, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { qrMatrix } from '../../src/issuer/qr-render.node.ts';

/** The QR modules of a code text, row by row, as '0'/'1' (drawn on a canvas by the page). */
export function qrBits(text: string): { size: number; bits: string } {
  const qr = qrMatrix(text);
  let bits = '';
  for (let y = 0; y < qr.size; y++) for (let x = 0; x < qr.size; x++) bits += qr.dark(x, y) ? '1' : '0';
  return { size: qr.size, bits };
}

/**
 * Page script: getUserMedia answers with canvas.captureStream() of the QR code drawn at an
 * integer scale with a quiet zone, redrawn every 100 ms so the stream keeps producing frames;
 * enumerateDevices lists that one camera. Drawn with fillRect, not an image: no URL for the CSP.
 */
export function syntheticCameraScript(code: string): string {
  const { size, bits } = qrBits(code);
  return `(() => {
    const size = ${size}, bits = ${JSON.stringify(bits)}, W = 640, H = 480;
    const scale = Math.floor((H - 40) / (size + 8));
    let canvas = null;
    const stream = () => {
      if (!canvas) {
        canvas = document.createElement('canvas');
        canvas.width = W;
        canvas.height = H;
        const g = canvas.getContext('2d');
        const draw = () => {
          const ox = Math.floor((W - size * scale) / 2), oy = Math.floor((H - size * scale) / 2);
          g.fillStyle = '#fff';
          g.fillRect(0, 0, W, H);
          g.fillStyle = '#000';
          for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (bits[y * size + x] === '1') g.fillRect(ox + x * scale, oy + y * scale, scale, scale);
        };
        draw();
        setInterval(draw, 100);
      }
      return canvas.captureStream(10);
    };
    const media = navigator.mediaDevices;
    media.getUserMedia = async () => stream();
    media.enumerateDevices = async () => [{ deviceId: 'synthetic-qr', groupId: 'synthetic', kind: 'videoinput', label: 'synthetic QR camera', toJSON() { return this; } }];
    window.__matrixSyntheticCamera = true;
  })();`;
}

/**
 * Page script: every Worker created from now on reports the \`reader\` field of its answers
 * (qr.worker.ts names the decoder that read each image) into window.__matrixReaders.
 */
export const WORKER_READER_HOOK = `(() => {
  if (window.__matrixReaders) return;
  window.__matrixReaders = [];
  const Base = window.Worker;
  window.Worker = class extends Base {
    constructor(url, opts) {
      super(url, opts);
      this.addEventListener('message', (e) => {
        if (e.data && typeof e.data === 'object' && 'reader' in e.data) window.__matrixReaders.push(e.data.reader);
      });
    }
  };
})();`;

export interface Proxy {
  readonly origin: string;
  /** Closes the port and cuts every open connection: from here the browser reaches nothing. */
  stop(): Promise<void>;
}

/** A plain HTTP proxy on 127.0.0.1:port forwarding everything to the server at targetPort. */
export function startProxy(port: number, targetPort: number): Promise<Proxy> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const upstream = request({ host: '127.0.0.1', port: targetPort, path: req.url, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({
        origin: `http://127.0.0.1:${port}`,
        stop: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            for (const s of sockets) s.destroy();
          }),
      }),
    );
  });
}
