import { describe, expect, it } from 'vitest';
import { cameraProblemOf } from './camera-errors.ts';

const err = (name: string) => Object.assign(new Error('x'), { name });

describe('cameraProblemOf', () => {
  it('reads getUserMedia errors as what an operator can do about them', () => {
    expect(cameraProblemOf(err('NotAllowedError'))).toBe('denied');
    expect(cameraProblemOf(err('PermissionDeniedError'))).toBe('denied');
    expect(cameraProblemOf(err('NotFoundError'))).toBe('missing');
    expect(cameraProblemOf(err('OverconstrainedError'))).toBe('missing');
    expect(cameraProblemOf(err('NotReadableError'))).toBe('busy');
    expect(cameraProblemOf(err('AbortError'))).toBe('busy');
    expect(cameraProblemOf(err('SecurityError'))).toBe('insecure');
  });

  it('anything else is a plain failure, never a throw', () => {
    for (const e of [err('TypeError'), new Error('play() failed'), null, undefined, 'NotAllowedError', 42, { name: 7 }]) expect(cameraProblemOf(e)).toBe('failed');
  });
});
