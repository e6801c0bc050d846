import { describe, expect, it } from 'vitest';
import { FORMATS } from '../formats/registry.ts';
import { ChunkAssembler, incompleteReason } from './assemble.ts';

describe('ChunkAssembler', () => {
  it('passes whole codes and non-chunk formats through unchanged', () => {
    const a = new ChunkAssembler(FORMATS);
    expect(a.add('HC1:ABC', 0)).toEqual({ kind: 'whole', text: 'HC1:ABC' });
    expect(a.add('shc:/5676', 0)).toEqual({ kind: 'whole', text: 'shc:/5676' });
    expect(a.pending).toBe(0);
  });

  it('a part with the same index but other content starts the group over', () => {
    const a = new ChunkAssembler(FORMATS);
    a.add('shc:/1/2/5656', 0);
    expect(a.add('shc:/1/2/5757', 1)).toEqual({ kind: 'partial', format: 'shc', have: [1], total: 2 });
    expect(a.add('shc:/2/2/5858', 2)).toEqual({ kind: 'whole', text: 'shc:/57575858' });
  });

  it('holds a bounded number of groups, dropping the stalest', () => {
    const a = new ChunkAssembler(FORMATS, { maxGroups: 2 });
    a.add('shc:/1/2/56', 0);
    a.add('shc:/1/3/56', 1);
    a.add('shc:/1/4/56', 2);
    expect(a.pending).toBe(2);
    expect(a.add('shc:/2/2/56', 3)).toEqual({ kind: 'partial', format: 'shc', have: [2], total: 2 });
  });

  it('names the missing parts', () => {
    expect(incompleteReason([1], 3)).toEqual({ code: 'CODE_INCOMPLETE', detail: 'parts 2, 3 of 3 missing' });
  });
});
