import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';

/**
 * Sends a page of HTML gzipped in one call when the browser accepts gzip, plain otherwise. The compression middleware
 * streams every response through a zlib stream of its own; for a survey page of a few KB, setting that stream up
 * (brotli above all) cost several times what compressing the page at once does (docs/benchmarks.md, "Pages for a
 * browser"). The middleware leaves a response that already has a Content-Encoding alone.
 */
export function sendPage(req: Request, res: Response, html: string): void {
  res.vary('Accept-Encoding');
  res.type('html');
  if (!req.acceptsEncodings('gzip')) {
    res.send(html);
    return;
  }
  res.setHeader('Content-Encoding', 'gzip');
  res.send(gzipSync(html));
}
