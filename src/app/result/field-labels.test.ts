import { describe, expect, it } from 'vitest';
import { fieldLabel } from './field-labels.ts';

describe('fieldLabel', () => {
  it('names an EU DCC field by its last name, in both languages, whatever its index', () => {
    expect(fieldLabel('eu-dcc', 't[0].tt', 'en')).toBe('Test type');
    expect(fieldLabel('eu-dcc', 't[0].tt', 'zh-CN')).toBe('检测类型');
    expect(fieldLabel('eu-dcc', 'v[1].mp', 'en')).toBe('Vaccine');
    expect(fieldLabel('eu-dcc', 'dob', 'zh-CN')).toBe('出生日期');
  });

  it('shows the path itself for a field without a label, a format without labels, or no format', () => {
    expect(fieldLabel('eu-dcc', 'v[0].xx', 'en')).toBe('v[0].xx');
    expect(fieldLabel('eu-dcc', 'v[0].toString', 'en')).toBe('v[0].toString');
    // Other formats use the same short names for other things.
    expect(fieldLabel('shc', 'entry[0].tt', 'en')).toBe('entry[0].tt');
    expect(fieldLabel('cn-hc', 'tt', 'en')).toBe('tt');
    expect(fieldLabel(undefined, 'tt', 'en')).toBe('tt');
    expect(fieldLabel('', 'tt', 'en')).toBe('tt');
  });
});
