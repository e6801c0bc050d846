import { describe, expect, it } from 'vitest';
import { issuerLabel, passText } from './pass.ts';

describe('pass wording on the result screen', () => {
  it('names the pass type and when it stops being valid, in both languages', () => {
    const p = { type: 'SomeIssuersPass', validUntil: '2027-01-05T09:37:00Z' };
    expect(passText('no-such-format', p, 'en')).toMatch(/^SomeIssuersPass valid until \d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(passText('no-such-format', p, 'zh-CN')).toMatch(/^SomeIssuersPass 有效至 \d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(passText(undefined, { type: 'X' }, 'en')).toBe('X');
  });

  it('shows a did:web issuer by its host, anything else as written', () => {
    expect(issuerLabel({ id: 'did:web:nzcp.covid19.health.nz', kind: 'did' })).toBe('nzcp.covid19.health.nz');
    expect(issuerLabel({ id: 'did:web:tng-cdn.who.int:v2:trustlist', kind: 'did' })).toBe('tng-cdn.who.int');
    expect(issuerLabel({ id: 'did:web:localhost%3A8443', kind: 'did' })).toBe('localhost:8443');
    expect(issuerLabel({ id: 'did:web:bad%ZZ', kind: 'did' })).toBe('did:web:bad%ZZ');
    expect(issuerLabel({ id: 'did:key:z6Mk', kind: 'did' })).toBe('did:key:z6Mk');
    expect(issuerLabel({ id: 'AT', kind: 'country' })).toBe('AT');
  });
});

describe('a pass type the format names', () => {
  it('is shown in its words: NZCP PublicCovidPass', () => {
    const p = { type: 'PublicCovidPass', validUntil: '2027-01-05T09:37:00Z' };
    expect(passText('nzcp', p, 'en')).toMatch(/^NZ COVID Pass valid until /);
    expect(passText('nzcp', p, 'zh-CN')).toMatch(/^新西兰新冠通行证 有效至 /);
  });
});
