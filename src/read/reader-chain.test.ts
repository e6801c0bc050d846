import { describe, expect, it } from 'vitest';
import { once, readerChain, type Reader, type ReaderName } from './reader-chain.ts';

const reader = (name: ReaderName, read: (input: string) => string | null): Reader<string> => ({ name, read });

describe('readerChain', () => {
  it('uses the first reader that loads and never loads the ones after it', async () => {
    const loaded: string[] = [];
    const chain = readerChain<string>([
      async () => (loaded.push('native'), null),
      async () => (loaded.push('wasm'), reader('zxing-wasm', (s) => `wasm:${s}`)),
      async () => (loaded.push('js'), reader('zxing-js', (s) => `js:${s}`)),
    ]);
    expect(await chain.read('a')).toEqual({ text: 'wasm:a', reader: 'zxing-wasm' });
    expect(await chain.read('b')).toEqual({ text: 'wasm:b', reader: 'zxing-wasm' });
    expect(loaded).toEqual(['native', 'wasm']);
  });

  it('starts loading the first reader before the first read', () => {
    let started = false;
    readerChain<string>([async () => ((started = true), null)]);
    expect(started).toBe(true);
  });

  it('treats a rejected loader as unavailable', async () => {
    const chain = readerChain<string>([() => Promise.reject(new Error('CompileError')), async () => reader('zxing-js', () => 'x')]);
    expect(await chain.read('a')).toEqual({ text: 'x', reader: 'zxing-js' });
  });

  it('drops a reader whose read throws and hands the same input to the next one', async () => {
    let nativeCalls = 0;
    const chain = readerChain<string>([
      async () =>
        reader('barcode-detector', () => {
          nativeCalls++;
          throw new Error('service went away');
        }),
      async () => reader('zxing-wasm', (s) => s.toUpperCase()),
    ]);
    expect(await chain.read('frame1')).toEqual({ text: 'FRAME1', reader: 'zxing-wasm' });
    expect(await chain.read('frame2')).toEqual({ text: 'FRAME2', reader: 'zxing-wasm' });
    expect(nativeCalls).toBe(1);
  });

  it('moves on once when two reads see the same reader fail', async () => {
    const chain = readerChain<string>([
      async () => ({ name: 'zxing-wasm', read: () => Promise.reject(new Error('trap')) }),
      async () => reader('zxing-js', () => 'js'),
      async () => reader('barcode-detector', () => 'never reached'),
    ]);
    const both = await Promise.all([chain.read('a'), chain.read('b')]);
    expect(both).toEqual([
      { text: 'js', reader: 'zxing-js' },
      { text: 'js', reader: 'zxing-js' },
    ]);
  });

  it('answers null with no reader when none works, without throwing', async () => {
    const chain = readerChain<string>([async () => null, async () => reader('zxing-js', () => { throw new Error('x'); })]);
    expect(await chain.read('a')).toEqual({ text: null, reader: null });
  });

  it('passes "nothing found" through as text null', async () => {
    const chain = readerChain<string>([async () => reader('zxing-wasm', () => null)]);
    expect(await chain.read('blank')).toEqual({ text: null, reader: 'zxing-wasm' });
  });
});

describe('once', () => {
  it('loads once for all callers', async () => {
    let loads = 0;
    const load = once(async () => ++loads);
    expect(await Promise.all([load(), load(), load()])).toEqual([1, 1, 1]);
  });
});
