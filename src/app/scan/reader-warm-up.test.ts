import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../../read/gray-image.ts';
import { nodeWasmQrReader } from '../../read/qr-decode.wasm.node.ts';
import type { Reader } from '../../read/reader-chain.ts';
import { SELF_TEST_CODE } from '../lazy/self-test-data.ts';
import { WARM_READS, warmFrame, warmReader } from './reader-warm-up.ts';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('reader warm-up', () => {
  it('draws the self-test code into a camera-sized frame that the shipped reader reads back', async () => {
    const frame = warmFrame();
    expect([frame.width, frame.height, frame.bytes.length - frame.offset]).toEqual([640, 480, 640 * 480]);
    // Fails when warm-code.ts and self-test-data.ts were written from different codes.
    expect(await (await nodeWasmQrReader()).gray.read(frame)).toBe(SELF_TEST_CODE);
  });

  it('reads the warm frame WARM_READS times, one read per task, so camera frames get in between', async () => {
    const seen: GrayImage[] = [];
    const reader: Reader<GrayImage> = { name: 'zxing-wasm', read: (px) => (seen.push(px), null) };
    warmReader(reader);
    expect(seen).toHaveLength(0); // nothing runs in the caller's task
    await tick();
    expect(seen).toHaveLength(1);
    await tick();
    expect(seen).toHaveLength(2);
    for (let i = 0; i < WARM_READS + 5; i++) await tick();
    expect(seen).toHaveLength(WARM_READS);
    expect(new Set(seen).size).toBe(1); // one frame, drawn once
  });

  it('stops at the first read that throws', async () => {
    let calls = 0;
    const reader: Reader<GrayImage> = {
      name: 'zxing-wasm',
      read: () => {
        calls++;
        throw new Error('broken reader');
      },
    };
    warmReader(reader);
    for (let i = 0; i < WARM_READS + 5; i++) await tick();
    expect(calls).toBe(1);
  });
});
