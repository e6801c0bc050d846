/** download(): every way an HTTP GET goes wrong is an UpdateError value, never a throw. */
import { describe, expect, it, vi } from 'vitest';
import { download } from './download.ts';

const answer = (body: BodyInit | null, init: ResponseInit) => vi.fn(async () => new Response(body, init)) as unknown as typeof fetch;
const opts = (f: typeof fetch, etag?: string) => ({ fetch: f, timeoutMs: 1000, etag });

describe('download', () => {
  it('200: the body, its ETag and the server Date; If-None-Match sent when an ETag is known', async () => {
    const f = answer('hello', { status: 200, headers: { etag: '"v2"', date: 'Tue, 24 Nov 2026 08:00:00 GMT' } });
    const r = await download('https://example.test/b.json', opts(f, '"v1"'));
    expect(r).toEqual({ ok: true, value: { status: 200, body: new TextEncoder().encode('hello'), etag: '"v2"', date: 'Tue, 24 Nov 2026 08:00:00 GMT' } });
    expect(f).toHaveBeenCalledWith('https://example.test/b.json', expect.objectContaining({ cache: 'no-store', headers: { 'if-none-match': '"v1"' } }));
  });

  it('304: an empty body, status 304', async () => {
    const r = await download('https://example.test/b.json', opts(answer(null, { status: 304 }), '"v1"'));
    expect(r).toEqual({ ok: true, value: { status: 304, body: new Uint8Array() } });
  });

  it('another status: FETCH_HTTP with the status', async () => {
    expect(await download('https://example.test/b.json', opts(answer('gone', { status: 404 })))).toEqual({ ok: false, reason: { code: 'FETCH_HTTP', detail: 'HTTP 404' } });
  });

  it('fetch rejects: FETCH_OFFLINE with the error name', async () => {
    const f = vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch;
    expect(await download('https://example.test/b.json', opts(f))).toEqual({ ok: false, reason: { code: 'FETCH_OFFLINE', detail: 'TypeError: Failed to fetch' } });
  });

  it('a body shorter than its Content-Length: FETCH_INCOMPLETE', async () => {
    const r = await download('https://example.test/b.json', opts(answer('abc', { status: 200, headers: { 'content-length': '10' } })));
    expect(r).toEqual({ ok: false, reason: { code: 'FETCH_INCOMPLETE', detail: '3 of 10 bytes' } });
  });

  it('no answer within the timeout: FETCH_TIMEOUT', async () => {
    const f = vi.fn((_url: string, init: RequestInit) => new Promise<Response>((_, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))) as unknown as typeof fetch;
    expect(await download('https://example.test/b.json', { fetch: f, timeoutMs: 20 })).toEqual({ ok: false, reason: { code: 'FETCH_TIMEOUT' } });
  });
});
