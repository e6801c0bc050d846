import { describe, expect, it } from 'vitest';
import { FORMAT_ID as CN_HC } from '../../core/formats/cn-hc/constants.ts';
import { FORMAT_ID as EU_DCC } from '../../core/formats/eu-dcc/constants.ts';
import { FORMAT_ID as NZCP } from '../../core/formats/nzcp/constants.ts';
import { FORMATS } from '../../core/formats/registry.ts';
import { FORMAT_ID as SHC } from '../../core/formats/shc/constants.ts';
import { FORMAT_ID as VDS_NC } from '../../core/formats/vds-nc/constants.ts';
import { KEY_SOURCES } from './format.ts';
import { defaultFormats, ISSUER_FORMATS, issuerFormat } from './registry.ts';

describe('issuer format registry', () => {
  it('has one issuing side per verifying plug-in, and no other', () => {
    const ids = ISSUER_FORMATS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(FORMATS.map((f) => f.id).sort());
  });

  it('names exactly one format for each kind of key an operator adds without --format', () => {
    for (const source of KEY_SOURCES) expect(defaultFormats(source), source).toHaveLength(1);
    expect(defaultFormats('jwk')).toEqual([CN_HC]);
    expect(defaultFormats('dsc')).toEqual([EU_DCC]);
    expect(defaultFormats('csca')).toEqual([VDS_NC]);
    expect(defaultFormats('jwks')).toEqual([SHC]);
  });

  it('keeps the demo world in its order (the domestic codes are built by demo-world itself)', () => {
    expect(ISSUER_FORMATS.filter((f) => f.demo).map((f) => f.id)).toEqual([VDS_NC, SHC, EU_DCC, NZCP]);
  });

  it('finds a format by id; an unknown id has no issuing side', () => {
    expect(issuerFormat(EU_DCC)?.revocationGroup?.('01:FR:X')).toBe('FR');
    expect(issuerFormat(CN_HC)?.revocationGroup).toBeUndefined();
    expect(issuerFormat('nope')).toBeUndefined();
  });
});
