import { describe, expect, it, vi } from 'vitest';
import type { Verdict } from '../../core/model/verdict.ts';
import type { VerifyContext } from '../../core/pipeline/run.ts';
import { createReader, type ReaderDeps } from './reader.ts';

const verdictOf = (text: string): Verdict => ({ outcome: 'PASS', reasons: [], warnings: [], detail: text }) as unknown as Verdict;

/** A fake verifier: codes 'P<i>/<n>:' are parts; anything else is whole. Records what was verified how. */
function fakePipeline() {
  const verified: string[] = [];
  const picked: string[][] = [];
  class ChunkAssembler {
    parts = new Map<number, string>();
    add(text: string) {
      const m = /^P(\d)\/(\d):(.*)$/.exec(text);
      if (!m) return { kind: 'whole' as const, text };
      this.parts.set(Number(m[1]), m[3]!);
      const total = Number(m[2]);
      if (this.parts.size < total) return { kind: 'partial' as const, format: 'fake', have: [...this.parts.keys()].sort(), total };
      return { kind: 'whole' as const, text: [...this.parts.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]).join('') };
    }
  }
  const pipeline = {
    ChunkAssembler,
    FORMATS: [],
    verifyCode: async (text: string) => (verified.push(text), verdictOf(text)),
    scannerCandidates: (text: string) => [text, text.toUpperCase()],
    pickCandidate: async (cands: string[], run: (c: string) => Promise<Verdict>) => (picked.push(cands), run(cands[0]!)),
  } as unknown as Awaited<ReturnType<ReaderDeps['pipeline']>>;
  return { pipeline, verified, picked };
}

const ctx = {} as VerifyContext;

describe('createReader', () => {
  it('gathers the parts of a multi-part code and verifies once all are in', async () => {
    const f = fakePipeline();
    const read = createReader({ pipeline: async () => f.pipeline, trustSettled: () => Promise.resolve(), context: () => ctx });
    expect(await read('P2/3:bb', 'camera')).toEqual({ kind: 'partial', parts: { have: [2], total: 3 } });
    expect(await read('P1/3:aa', 'camera')).toEqual({ kind: 'partial', parts: { have: [1, 2], total: 3 } });
    expect(f.verified).toEqual([]);
    const done = await read('P3/3:cc', 'camera');
    expect(done.kind).toBe('verdict');
    expect(f.verified).toEqual(['aabbcc']);
  });

  it('typed text (scanner, paste) tries the layout repairs; camera and file text is verified as read', async () => {
    const f = fakePipeline();
    const read = createReader({ pipeline: async () => f.pipeline, trustSettled: () => Promise.resolve(), context: () => ctx });
    await read('abc', 'scanner');
    await read('def', 'paste');
    await read('ghi', 'camera');
    await read('jkl', 'file');
    expect(f.picked).toEqual([
      ['abc', 'ABC'],
      ['def', 'DEF'],
    ]);
    expect(f.verified).toEqual(['abc', 'def', 'ghi', 'jkl']);
  });

  it('waits for trust before verifying, but only so long; notes the time first', async () => {
    const f = fakePipeline();
    const order: string[] = [];
    let settle!: () => void;
    const trustSettled = new Promise<void>((r) => (settle = r));
    let asked = 0;
    const read = createReader({
      pipeline: async () => f.pipeline,
      trustSettled: () => (asked++, trustSettled),
      beforeVerify: () => order.push('noteTime'),
      context: () => (order.push('context'), ctx),
    });
    const pending = read('abc', 'camera');
    await new Promise((r) => setTimeout(r, 20));
    expect(f.verified).toEqual([]); // still waiting for trust
    expect(asked).toBe(1); // and asked for it (the page starts it then if it was waiting for the camera)
    settle();
    await pending;
    expect(f.verified).toEqual(['abc']);
    expect(order).toEqual(['noteTime', 'context']);

    // Trust that never settles: judged anyway once the wait is over.
    const stuck = createReader({ pipeline: async () => f.pipeline, trustSettled: () => new Promise(() => {}), trustWaitMs: 5, context: () => ctx });
    expect((await stuck('def', 'file')).kind).toBe('verdict');
  });

  it('leaves no timer pending once a read is judged', async () => {
    vi.useFakeTimers();
    try {
      const f = fakePipeline();
      const read = createReader({ pipeline: async () => f.pipeline, trustSettled: () => Promise.resolve(), context: () => ctx });
      await read('abc', 'camera');
      await read('def', 'camera');
      expect(f.verified).toEqual(['abc', 'def']);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
