import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, parseBundleOrigins } from './csp.ts';

const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(name + ' '));

describe('contentSecurityPolicy', () => {
  it('allows no inline script and no eval, only same-origin scripts and wasm compilation', () => {
    const csp = contentSecurityPolicy({ bundleOrigins: [], header: true });
    expect(directive(csp, 'script-src')).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toMatch(/unsafe-inline|'unsafe-eval'/);
    expect(directive(csp, 'default-src')).toBe("default-src 'self'");
    expect(directive(csp, 'object-src')).toBe("object-src 'none'");
  });
  it('limits connect-src to self plus the configured bundle origins', () => {
    expect(directive(contentSecurityPolicy({ bundleOrigins: [], header: true }), 'connect-src')).toBe("connect-src 'self'");
    expect(directive(contentSecurityPolicy({ bundleOrigins: ['https://cdn.example.cn'], header: false }), 'connect-src')).toBe("connect-src 'self' https://cdn.example.cn");
  });
  it('puts frame-ancestors only in the header (a meta policy cannot carry it)', () => {
    expect(contentSecurityPolicy({ bundleOrigins: [], header: true })).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy({ bundleOrigins: [], header: false })).not.toContain('frame-ancestors');
  });
});

describe('parseBundleOrigins', () => {
  it('reads a comma-separated list of https origins, without duplicates', () => {
    expect(parseBundleOrigins(undefined)).toEqual([]);
    expect(parseBundleOrigins(' https://cdn.example.cn , https://b.example.cn/,https://cdn.example.cn')).toEqual(['https://cdn.example.cn', 'https://b.example.cn']);
  });
  it('refuses http, paths, credentials and non-URLs, naming the entry', () => {
    expect(() => parseBundleOrigins('http://cdn.example.cn')).toThrow(/https only/);
    expect(() => parseBundleOrigins('https://cdn.example.cn/trust/')).toThrow(/origin/);
    expect(() => parseBundleOrigins('https://u:p@cdn.example.cn')).toThrow(/origin/);
    expect(() => parseBundleOrigins('cdn.example.cn')).toThrow(/not a URL/);
    expect(() => parseBundleOrigins("https://x.cn; script-src *")).toThrow();
  });
});
