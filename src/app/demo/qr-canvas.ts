/**
 * Draws a presentation as a QR code on a canvas, whole modules of whole pixels (a phone camera
 * reads crisp edges best) with the standard 4-module quiet zone. Alphanumeric mode: `CNHP1:` and
 * base45 are all in QR's alphanumeric set, which packs 5.5 bits a character instead of 8.
 */
import QRCode from 'qrcode';

const QUIET = 4;
const ALNUM = /^[0-9A-Z $%*+\-./:]*$/;

/**
 * Draws `text` as large as fits `maxCssPx` with a whole number of device pixels per module, and
 * sizes the canvas's CSS box to match (no resampling: a stretched canvas gives modules of uneven
 * width). On a 3× phone screen that is nearly the full width; at 1× a little less. Returns the
 * module count (without the quiet zone).
 */
export function drawQr(canvas: HTMLCanvasElement, text: string, maxCssPx: number, dpr = 1): number {
  const segments: QRCode.QRCodeSegment[] = ALNUM.test(text) ? [{ data: text, mode: 'alphanumeric' }] : [{ data: new TextEncoder().encode(text), mode: 'byte' }];
  // Level Q, as the issued codes are drawn (src/issuer/qr-render.node.ts): a cracked or glary screen still reads.
  const { size, data } = QRCode.create(segments, { errorCorrectionLevel: 'Q' }).modules;
  const pxPerModule = Math.max(1, Math.floor((maxCssPx * dpr) / (size + 2 * QUIET)));
  const side = (size + 2 * QUIET) * pxPerModule;
  // Set through the CSSOM, which the CSP allows (it forbids style attributes in markup, not this).
  canvas.style.width = canvas.style.height = `${side / dpr}px`;
  canvas.width = side;
  canvas.height = side;
  const g = canvas.getContext('2d');
  if (!g) return size;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, side, side);
  g.fillStyle = '#000';
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) if (data[y * size + x]) g.fillRect((x + QUIET) * pxPerModule, (y + QUIET) * pxPerModule, pxPerModule, pxPerModule);
  return size;
}
