/** The shared-data finder: where it looks, and that missing data is an error that says what is missing. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { requireShared, sharedDir, sharedRoot } from './shared.ts';

const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));

describe('shared test data', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('is ../shared beside the checkout unless GATECHECK_SHARED names another folder', () => {
    expect(sharedRoot({})).toBe(resolve(REPO, '..', 'shared'));
    expect(sharedRoot({ GATECHECK_SHARED: '/data/vectors-copy' })).toBe('/data/vectors-copy');
    vi.stubEnv('GATECHECK_SHARED', '/elsewhere');
    expect(sharedDir('vectors', 'eu-dcc')).toBe(join('/elsewhere', 'vectors', 'eu-dcc'));
  });

  it('requireShared returns the path when it exists', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gatecheck-shared-'));
    try {
      vi.stubEnv('GATECHECK_SHARED', dir);
      expect(requireShared('.', 'the folder itself')).toBe(join(dir, '.'));
      expect(requireShared(dir, 'an absolute path')).toBe(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a missing path is an Error naming the path and what it is for', () => {
    vi.stubEnv('GATECHECK_SHARED', '/nonexistent-gatecheck-shared');
    expect(() => requireShared('vectors/nzcp/examples.json', 'NZ COVID Pass examples')).toThrow(
      /missing test data: \/nonexistent-gatecheck-shared\/vectors\/nzcp\/examples\.json \(NZ COVID Pass examples\)/,
    );
    expect(() => requireShared('/no/such/file.json', 'an absolute path')).toThrow(/\/no\/such\/file\.json \(an absolute path\)/);
  });
});
