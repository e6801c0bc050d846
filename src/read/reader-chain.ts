/**
 * QR readers in order of preference (platform BarcodeDetector, zxing-wasm, @zxing/library). The
 * first one that loads is used; one whose read throws is dropped for the rest of the session and
 * that input goes to the next one, so a broken decoder costs one frame, not the scanner.
 */

export type ReaderName = 'barcode-detector' | 'zxing-wasm' | 'zxing-js';

export interface Reader<I> {
  readonly name: ReaderName;
  /** QR text in `input`, or null when there is none. Throws only when the reader itself is broken. */
  read(input: I): Promise<string | null> | string | null;
}

/** Loads a reader; null (or a rejection) means "not available here". */
export type ReaderLoader<I> = () => Promise<Reader<I> | null>;

export type ChainRead = { text: string | null; reader: ReaderName | null };

export interface ReaderChain<I> {
  /** Never throws: with no working reader left, every read is `{ text: null, reader: null }`. */
  read(input: I): Promise<ChainRead>;
}

/** Starts loading the first reader at once, so it is ready (e.g. wasm compiled) by the first frame. */
export function readerChain<I>(loaders: ReaderLoader<I>[]): ReaderChain<I> {
  let next = 0;
  const load = async (): Promise<Reader<I> | null> => {
    while (next < loaders.length) {
      const reader = await loaders[next++]!().catch(() => null);
      if (reader) return reader;
    }
    return null;
  };
  let active = load();
  return {
    async read(input) {
      for (;;) {
        const current = active;
        const reader = await current;
        if (!reader) return { text: null, reader: null };
        try {
          return { text: await reader.read(input), reader: reader.name };
        } catch {
          // Only the first caller to see this reader fail moves the chain on.
          if (active === current) active = load();
        }
      }
    },
  };
}

/** Memoizes a loader, so two chains (camera frames, still images) share one loaded decoder. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= load());
}
