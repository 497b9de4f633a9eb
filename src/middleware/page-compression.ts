import { gzipSync } from 'node:zlib';
import type { RequestHandler, Response } from 'express';

/** Shorter bodies (in characters) go out as they are: a gzip header and trailer would outweigh the saving. */
const MIN_LENGTH = 1024;
/** Longer bodies are left to the compression middleware's stream, which compresses off the event loop. */
const MAX_LENGTH = 64 * 1024;

/**
 * Gzips a page sent whole (`res.render`, `res.send` of a string: every HTML page and error page) in one call when
 * the browser accepts gzip, with its length known up front. The compression middleware would stream it through a
 * zlib stream of its own, and for a page of a few KB setting that stream up (brotli above all) cost several times
 * what compressing the page at once does (docs/benchmarks.md, "Pages for a browser"). The middleware leaves a
 * response that already has a Content-Encoding alone, and still compresses what is streamed (the CSS and JS,
 * CSV exports) and pages over 64 KB. A browser that asks only for br gets br from the middleware.
 */
export function pageCompression(): RequestHandler {
  return (req, res, next) => {
    if (!req.headers['accept-encoding'] || !req.acceptsEncodings('gzip')) return next();
    const send = res.send;
    res.send = function sendCompressed(this: Response, body?: unknown) {
      if (typeof body !== 'string' || !compressible(this, body)) return send.call(this, body);
      const type = this.get('Content-Type');
      if (!type) this.type('html');
      else if (!/charset=/i.test(type)) this.set('Content-Type', `${type}; charset=utf-8`);
      this.vary('Accept-Encoding');
      this.setHeader('Content-Encoding', 'gzip');
      return send.call(this, gzipSync(body));
    };
    next();
  };
}

function compressible(res: Response, body: string): boolean {
  if (body.length < MIN_LENGTH || body.length > MAX_LENGTH) return false;
  if (res.headersSent || res.getHeader('Content-Encoding')) return false;
  if (res.statusCode === 204 || res.statusCode === 304) return false;
  const type = res.get('Content-Type');
  return type === undefined || /^text\/(html|plain)/.test(type);
}
