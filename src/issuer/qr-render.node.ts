/** Node only: render code text as a QR PNG (alphanumeric mode when the text allows it). */
import QRCode from 'qrcode';

const ALNUM = /^[0-9A-Z $%*+\-./:]*$/;

export function qrSegments(text: string): QRCode.QRCodeSegment[] {
  return ALNUM.test(text) ? [{ data: text, mode: 'alphanumeric' }] : [{ data: new TextEncoder().encode(text), mode: 'byte' }];
}

export async function qrPng(text: string, scale = 6): Promise<Buffer> {
  return QRCode.toBuffer(qrSegments(text), { type: 'png', errorCorrectionLevel: 'Q', margin: 4, scale });
}

/** The module matrix, for tests that draw the code themselves (e.g. into camera video). */
export function qrMatrix(text: string): { size: number; dark: (x: number, y: number) => boolean } {
  const qr = QRCode.create(qrSegments(text), { errorCorrectionLevel: 'Q' });
  const { size, data } = qr.modules;
  return { size, dark: (x, y) => data[y * size + x] === 1 };
}
