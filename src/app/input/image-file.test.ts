import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkerRequest } from '../scan/qr.worker.ts';
import { fitWithin, MAX_IMAGE_SIDE, readCodeFromImageFile, type DecodeWorker, type ImageIo } from './image-file.ts';

type Answer = { text: string | null; id?: number } | 'error' | 'never';

/** Stands in for the qr worker: records what it was sent, answers as told, asynchronously. */
class FakeWorker extends EventTarget {
  sent: { msg: WorkerRequest; transfer: unknown[] }[] = [];
  terminated = false;
  constructor(private answer: Answer) {
    super();
  }
  postMessage(msg: WorkerRequest, transfer: unknown[]) {
    this.sent.push({ msg, transfer });
    const a = this.answer;
    if (a === 'never') return;
    queueMicrotask(() => {
      if (a === 'error') this.dispatchEvent(Object.assign(new Event('error'), { message: 'worker script failed to load' }));
      else this.dispatchEvent(new MessageEvent('message', { data: { id: a.id ?? msg.id, text: a.text } }));
    });
  }
  terminate() {
    this.terminated = true;
  }
}

function setup(opts: { width?: number; height?: number; answer?: Answer; decodeFails?: boolean; pixelsFail?: boolean } = {}) {
  const image = { width: opts.width ?? 640, height: opts.height ?? 480, closed: false, close: () => (image.closed = true) };
  const state = { image, workers: [] as FakeWorker[], drawnAt: null as null | [number, number] };
  const io: ImageIo = {
    decode: async () => {
      if (opts.decodeFails) throw new Error('The source image could not be decoded.');
      return image;
    },
    pixels: (_img, w, h) => {
      if (opts.pixelsFail) throw new Error('no 2d canvas');
      state.drawnAt = [w, h];
      return new Uint8ClampedArray(w * h * 4);
    },
    startWorker: () => {
      const w = new FakeWorker(opts.answer ?? { text: null });
      state.workers.push(w);
      return w as unknown as DecodeWorker;
    },
  };
  return { io, state };
}
/** The one request a worker got, which must be the still-image (RGBA) kind, not a camera bitmap. */
function stillRequest(w: FakeWorker) {
  expect(w.sent).toHaveLength(1);
  const { msg, transfer } = w.sent[0]!;
  if (!('rgba' in msg)) throw new Error('expected an RGBA still-image request');
  return { msg, transfer };
}
const file = new Blob([new Uint8Array([0x89, 0x50])], { type: 'image/png' });

afterEach(() => vi.useRealTimers());

describe('fitWithin', () => {
  it('keeps images within the limit as they are and scales larger ones to the limit, keeping the aspect', () => {
    expect(fitWithin(640, 480)).toEqual({ width: 640, height: 480 });
    expect(fitWithin(MAX_IMAGE_SIDE, 100)).toEqual({ width: MAX_IMAGE_SIDE, height: 100 });
    expect(fitWithin(4000, 3000)).toEqual({ width: 2048, height: 1536 });
    expect(fitWithin(3000, 4000)).toEqual({ width: 1536, height: 2048 });
    expect(fitWithin(100_000, 10)).toEqual({ width: 2048, height: 1 });
  });
});

/** A PNG signature and IHDR declaring width × height: a few bytes that promise a huge picture. */
function pngHeader(width: number, height: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, width);
  new DataView(b.buffer).setUint32(20, height);
  return b;
}

describe('readCodeFromImageFile: pictures too large to read', () => {
  it('refuses a file whose header declares more pixels than the budget, before the browser decodes it', async () => {
    const { io, state } = setup();
    const decode = vi.spyOn(io, 'decode');
    const bomb = new Blob([pngHeader(30000, 30000), new Uint8Array(900_000)], { type: 'image/png' });
    const r = await readCodeFromImageFile(bomb, io);
    expect(r).toMatchObject({ ok: false, reason: { code: 'IMAGE_TOO_LARGE' } });
    expect(decode).not.toHaveBeenCalled();
    expect(state.workers).toHaveLength(0);
  });

  it('refuses a decoded picture over the budget whose header it could not read, and releases it', async () => {
    const { io, state } = setup({ width: 10000, height: 8000 });
    expect(await readCodeFromImageFile(new Blob([new Uint8Array([0x42, 0x4d, 1, 2])]), io)).toMatchObject({ ok: false, reason: { code: 'IMAGE_TOO_LARGE' } });
    expect(state.image.closed).toBe(true);
    expect(state.workers).toHaveLength(0);
  });

  it('a 48 MP photo is within the budget and is scaled down before reading', async () => {
    const { io, state } = setup({ width: 8000, height: 6000, answer: { text: 'HC1:X' } });
    expect(await readCodeFromImageFile(new Blob([pngHeader(8000, 6000)]), io)).toEqual({ ok: true, value: 'HC1:X' });
    expect(state.drawnAt).toEqual([2048, 1536]);
  });
});

describe('readCodeFromImageFile', () => {
  it('returns the text the worker read from the image pixels, sent on the still-image path', async () => {
    const { io, state } = setup({ answer: { text: 'HC1:ABC' } });
    expect(await readCodeFromImageFile(file, io)).toEqual({ ok: true, value: 'HC1:ABC' });
    const { msg, transfer } = stillRequest(state.workers[0]!);
    expect([msg.width, msg.height, msg.rgba.length]).toEqual([640, 480, 640 * 480 * 4]);
    // The pixel buffer is transferred to the worker, not copied.
    expect(transfer).toEqual([msg.rgba.buffer]);
  });

  it('scales a large photo down before decoding', async () => {
    const { io, state } = setup({ width: 6000, height: 8000, answer: { text: 'X' } });
    await readCodeFromImageFile(file, io);
    expect(state.drawnAt).toEqual([1536, 2048]);
    const { msg } = stillRequest(state.workers[0]!);
    expect([msg.width, msg.height]).toEqual([1536, 2048]);
  });

  it('is IMAGE_UNREADABLE when the file does not decode as an image, and starts no worker', async () => {
    const { io, state } = setup({ decodeFails: true });
    expect(await readCodeFromImageFile(file, io)).toEqual({ ok: false, reason: { code: 'IMAGE_UNREADABLE', detail: 'The source image could not be decoded.' } });
    expect(state.workers).toEqual([]);
  });

  it('is IMAGE_UNREADABLE when the pixels cannot be drawn, and still releases the image', async () => {
    const { io, state } = setup({ pixelsFail: true });
    expect(await readCodeFromImageFile(file, io)).toMatchObject({ ok: false, reason: { code: 'IMAGE_UNREADABLE' } });
    expect(state.image.closed).toBe(true);
    expect(state.workers).toEqual([]);
  });

  it('is NO_CODE_FOUND when the worker finds nothing; the worker is terminated and the image released', async () => {
    const { io, state } = setup({ answer: { text: null } });
    expect(await readCodeFromImageFile(file, io)).toEqual({ ok: false, reason: { code: 'NO_CODE_FOUND' } });
    expect(state.workers.map((w) => w.terminated)).toEqual([true]);
    expect(state.image.closed).toBe(true);
  });

  it('is NO_CODE_FOUND, with the decoder named in the detail, when the worker fails', async () => {
    const { io, state } = setup({ answer: 'error' });
    expect(await readCodeFromImageFile(file, io)).toEqual({ ok: false, reason: { code: 'NO_CODE_FOUND', detail: 'decoder: worker script failed to load' } });
    expect(state.workers[0]!.terminated).toBe(true);
  });

  it('is NO_CODE_FOUND when no worker can be started', async () => {
    const { io } = setup();
    io.startWorker = () => {
      throw new Error('blocked by CSP');
    };
    expect(await readCodeFromImageFile(file, io)).toEqual({ ok: false, reason: { code: 'NO_CODE_FOUND', detail: 'decoder: blocked by CSP' } });
  });

  it('gives up on a worker that never answers, and terminates it', async () => {
    vi.useFakeTimers();
    const { io, state } = setup({ answer: 'never' });
    const pending = readCodeFromImageFile(file, { ...io, timeoutMs: 1000 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(await pending).toEqual({ ok: false, reason: { code: 'NO_CODE_FOUND', detail: 'decoder: timed out' } });
    expect(state.workers[0]!.terminated).toBe(true);
  });

  it('ignores an answer to another request id', async () => {
    vi.useFakeTimers();
    const { io } = setup({ answer: { text: 'STRAY', id: 99 } });
    const pending = readCodeFromImageFile(file, { ...io, timeoutMs: 1000 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(await pending).toMatchObject({ ok: false, reason: { code: 'NO_CODE_FOUND' } });
  });
});
