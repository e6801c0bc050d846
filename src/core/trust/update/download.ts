/**
 * One HTTP GET for the trust updater: the bundle (with ETag revalidation) or a revocation file.
 * Every way a download goes wrong — offline, timeout, a status other than 200/304, a body cut
 * short — comes back as an UpdateError value; nothing here throws.
 */
import { fail, ok } from '../../result.ts';
import { errName, type UpdateResult } from './update-error.ts';

export interface Downloaded {
  status: 200 | 304;
  /** Empty for 304. */
  body: Uint8Array;
  etag?: string;
  /** The server's Date header, evidence for the clock check. */
  date?: string;
}

export interface DownloadOptions {
  fetch: typeof fetch;
  /** Whole request, body included. */
  timeoutMs: number;
  /** Sent as If-None-Match: a 304 then means "the one you have is current". */
  etag?: string | undefined;
}

export async function download(url: string, opts: DownloadOptions): Promise<UpdateResult<Downloaded>> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), opts.timeoutMs);
  try {
    let res: Response;
    try {
      // no-store: the HTTP cache must not answer for the server; ETag revalidation is ours.
      res = await opts.fetch(url, { cache: 'no-store', signal: ctl.signal, headers: opts.etag ? { 'if-none-match': opts.etag } : {} });
    } catch (e) {
      return ctl.signal.aborted ? fail('FETCH_TIMEOUT') : fail('FETCH_OFFLINE', errName(e));
    }
    const date = res.headers.get('date') ?? undefined;
    if (res.status === 304) return ok({ status: 304, body: new Uint8Array(), ...(date ? { date } : {}) });
    if (res.status !== 200) {
      res.body?.cancel().catch(() => {});
      return fail('FETCH_HTTP', `HTTP ${res.status}`);
    }
    let body: Uint8Array;
    try {
      body = new Uint8Array(await res.arrayBuffer());
    } catch (e) {
      return ctl.signal.aborted ? fail('FETCH_TIMEOUT', 'while reading the body') : fail('FETCH_INCOMPLETE', errName(e));
    }
    const length = Number(res.headers.get('content-length'));
    const encoded = res.headers.get('content-encoding');
    if (!encoded && Number.isFinite(length) && length > 0 && body.length < length) return fail('FETCH_INCOMPLETE', `${body.length} of ${length} bytes`);
    const tag = res.headers.get('etag') ?? undefined;
    return ok({ status: 200, body, ...(tag ? { etag: tag } : {}), ...(date ? { date } : {}) });
  } finally {
    clearTimeout(timer);
  }
}
