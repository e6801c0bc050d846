import { describe, expect, it } from 'vitest';
import * as pipeline from './pipeline-entry.ts';
import { warmUp } from './warm-up.ts';

describe('start-up warm-up', () => {
  it('verifies the built-in self-test code to PASS, with its own one-key trust', async () => {
    // A PASS means the warm-up ran the whole path (signature included), not an early failure.
    const v = await warmUp(pipeline);
    expect(v.reasons).toEqual([]);
    expect(v.outcome).toBe('PASS');
    expect(v.signatureVerified).toBe(true);
  });
});
