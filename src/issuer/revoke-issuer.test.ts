/** resolveIssuer and issuerFormats: the issuer a `bundle revoke` names, and the formats its codes come in. */
import { describe, expect, it } from 'vitest';
import { FORMAT_ID as CN_HC } from '../core/formats/cn-hc/constants.ts';
import { FORMAT_ID as EU_DCC } from '../core/formats/eu-dcc/constants.ts';
import { FORMAT_ID as VDS_NC } from '../core/formats/vds-nc/constants.ts';
import type { TrustBundle } from '../core/trust/bundle.ts';
import { issuerFormats, resolveIssuer } from './revoke-issuer.ts';

describe('resolveIssuer and issuerFormats', () => {
  const bundle = {
    issuers: [{ id: '440000' }, { id: 'DE' }, { id: 'https://spec.smarthealth.cards/examples/issuer' }],
    keys: [
      { issuer: 'DE', formats: [EU_DCC] },
      { issuer: 'DE', formats: [VDS_NC], role: 'ca' },
      { issuer: '440000', formats: [CN_HC] },
    ],
  } as unknown as TrustBundle;

  it('finds the listed issuer however it is spelled, and nothing the bundle does not list', () => {
    expect(resolveIssuer(bundle, 'DE')).toBe('DE');
    expect(resolveIssuer(bundle, 'de')).toBe('DE');
    expect(resolveIssuer(bundle, ' 440000 ')).toBe('440000');
    expect(resolveIssuer(bundle, 'HTTPS://Spec.SmartHealth.Cards/examples/issuer/')).toBe('https://spec.smarthealth.cards/examples/issuer');
    expect(resolveIssuer(bundle, 'https://spec.smarthealth.cards/Examples/issuer')).toBeUndefined(); // paths are case-sensitive
    expect(resolveIssuer(bundle, '450000')).toBeUndefined();
    expect(resolveIssuer(bundle, 'Germany')).toBeUndefined();
  });

  it('an issuer comes in the formats of its keys', () => {
    expect(issuerFormats(bundle, 'DE')).toEqual([EU_DCC, VDS_NC]);
    expect(issuerFormats(bundle, '440000')).toEqual([CN_HC]);
    expect(issuerFormats(bundle, 'https://spec.smarthealth.cards/examples/issuer')).toEqual([]);
  });
});
