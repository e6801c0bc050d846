import { describe, expect, it } from 'vitest';
import { maskName } from './mask.ts';

describe('maskName', () => {
  it('masks Chinese names as venues print them', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张小三')).toBe('张*三');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskName('买买提·艾力')).toBe('买****力');
    expect(maskName('李')).toBe('李');
  });
  it('shows names in other scripts as printed, for matching against a passport', () => {
    expect(maskName(' Erika Mustermann ')).toBe('Erika Mustermann');
  });
  it('gives an empty string for an empty name', () => {
    expect(maskName('  ')).toBe('');
  });
});
