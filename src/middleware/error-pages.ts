import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger';
import { HttpError, notFound } from './http-errors';

interface BodyParserError {
  type?: string;
  status?: number;
}

function statusAndView(error: unknown): { status: number; view: string } {
  if (error instanceof HttpError) return { status: error.status, view: error.view };
  const parserError = error as BodyParserError;
  switch (parserError?.type) {
    case 'entity.too.large':
      return { status: 413, view: 'errors/too-large' };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, view: 'errors/bad-request' };
    case 'entity.parse.failed':
    case 'parameters.too.many':
    case 'request.aborted':
    case 'request.size.invalid':
      return { status: 400, view: 'errors/bad-request' };
  }
  if (parserError?.status === 404) return { status: 404, view: 'errors/not-found' };
  if (typeof parserError?.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
    return { status: parserError.status, view: 'errors/bad-request' };
  }
  return { status: 500, view: 'errors/server-error' };
}

const titles: Record<string, string> = {
  'errors/not-found': 'Page not found',
  'errors/bad-request': 'Sorry, we could not read what was sent',
  'errors/too-large': 'Your answers are too long to send',
  'errors/form-expired': 'Sorry, this form could not be sent',
  'errors/server-error': 'Sorry, there is a problem with the service',
  'errors/too-many-requests': 'Sorry, there have been too many attempts',
  'errors/no-access': 'You do not have access',
  'pages/team-not-found': 'We cannot find that team',
  'pages/survey-expired': 'This form has timed out',
  'pages/collection-point-retired': 'This feedback link is no longer used',
  'pages/kiosk-not-enrolled': 'This tablet is not set up for feedback',
};

export const pageNotFound: RequestHandler = (_req, _res, next) => next(notFound());

/**
 * Friendly NHS-style error pages with the request's reference id. Server errors are logged with their stack;
 * the page never shows one. The body of the request is never logged.
 */
export function errorPages(logger: Logger, showDetail: boolean): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const { status, view } = statusAndView(error);
    const requestId = String(res.locals.requestId ?? '');
    if (status >= 500) {
      logger.error('unhandled error', {
        requestId,
        method: req.method,
        path: req.path,
        error: error instanceof Error ? error.name : typeof error,
        detail: error instanceof Error ? error.message : undefined,
        stack: error instanceof Error ? error.stack : undefined,
      });
    }
    res.status(status);
    res.setHeader('Cache-Control', 'no-store, max-age=0');
    res.render(
      view,
      {
        ...(error instanceof HttpError ? error.locals : {}),
        pageTitle: titles[view],
        requestId,
        detail: status >= 500 && showDetail && error instanceof Error ? error.stack : undefined,
      },
      (renderError: Error | null, html?: string) => {
        if (renderError) {
          logger.error('error page failed to render', { requestId, view, detail: renderError.message });
          res.type('text/plain').send(`Sorry, there is a problem with the service. Reference: ${requestId}`);
          return;
        }
        res.type('html').send(html);
      },
    );
  };
}
