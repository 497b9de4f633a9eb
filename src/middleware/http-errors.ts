/** An error that carries the status and the page to show; thrown by middleware and controllers. */
export class HttpError extends Error {
  constructor(
    public readonly status: number,
    public readonly view: string,
    message = view,
    /** Extra display-ready values for the error page (never request data). */
    public readonly locals: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = () => new HttpError(400, 'errors/bad-request');
export const forbiddenCsrf = () => new HttpError(403, 'errors/form-expired', 'CSRF token missing or wrong');
export const notFound = () => new HttpError(404, 'errors/not-found');
export const unsupportedMediaType = () =>
  new HttpError(415, 'errors/bad-request', 'Unsupported content type');
