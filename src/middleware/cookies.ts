import { parse, serialize } from 'cookie';
import type { Request, Response } from 'express';

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header || header.length > 8192) return undefined;
  return parse(header)[name];
}

/** Session-only (no Expires), httpOnly, SameSite=Lax, path /; Secure when the app is served over HTTPS. */
export function setCookie(
  res: Response,
  name: string,
  value: string,
  options: { secure: boolean; maxAgeSeconds?: number },
): void {
  const cookie = serialize(name, value, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: options.secure,
    ...(options.maxAgeSeconds !== undefined ? { maxAge: options.maxAgeSeconds } : {}),
  });
  const existing = res.getHeader('Set-Cookie');
  const others = (Array.isArray(existing) ? existing : existing ? [String(existing)] : []).filter(
    (c) => !c.startsWith(`${name}=`),
  );
  res.setHeader('Set-Cookie', [...others, cookie]);
}
