/** The decoders' registry and the light catalogue list the same formats, with the same info. */
import { describe, expect, it } from 'vitest';
import { FORMAT_INFOS, formatInfo } from './catalog.ts';
import { detectFormat, FORMATS } from './registry.ts';

describe('format registry and catalogue', () => {
  it('list the same formats in the same order', () => {
    expect(FORMATS.map((f) => f.id)).toEqual(FORMAT_INFOS.map((f) => f.id));
    expect(new Set(FORMATS.map((f) => f.id)).size).toBe(FORMATS.length);
  });

  for (const plugin of FORMATS)
    it(`${plugin.id}: the plug-in carries its catalogue info unchanged`, () => {
      const info = formatInfo(plugin.id);
      expect(info).toBeDefined();
      expect(plugin.reasons).toBe(info!.reasons);
      expect(plugin.revocationId).toBe(info!.revocationId);
      expect(plugin.fieldLabels).toBe(info!.fieldLabels);
    });

  it('finds no format for an unknown id or text', () => {
    expect(formatInfo('no-such-format')).toBeUndefined();
    expect(formatInfo(undefined)).toBeUndefined();
    expect(detectFormat('hello')).toBeUndefined();
  });
});
