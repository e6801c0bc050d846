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
  it('masks names in other scripts the same way, word by word, keeping separators', () => {
    expect(maskName(' SPECIMEN, ANNA ')).toBe('S******N, A**A');
    expect(maskName('Dupont-Müller, Anne Marie')).toBe('D****t-M****r, A**e M***e');
    expect(maskName("O'Brien, Jo")).toBe("O'B***n, J*");
    expect(maskName('Иванов, Иван')).toBe('И****в, И**н');
  });
  it('gives an empty string for an empty name', () => {
    expect(maskName('  ')).toBe('');
  });
});
