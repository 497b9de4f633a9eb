import path from 'node:path';
import ejs from 'ejs';
import type { Express } from 'express';
import { viewsDir } from './paths';

type Callback = (error: Error | null, html?: string) => void;

/**
 * EJS registered by hand with `strict: true` (EJS 7 ignores `app.set('view options')`): templates read every
 * value as `locals.x`, `<%= %>` always escapes, and data can never switch escaping off. Each page is rendered
 * into `views/layout.ejs` as `locals.body`, unless the page sets `layout: false`.
 *
 * Includes are written from the views folder, `include('/components/button', ...)`: EJS resolves such a path
 * against `root` without touching the disk, whereas a relative include costs an `fs.existsSync` on every render,
 * even with the cache on (docs/benchmarks.md).
 */
export function registerViewEngine(app: Express, options: { cache: boolean }): void {
  const ejsOptions: ejs.Options = { strict: true, cache: options.cache, views: [viewsDir], root: viewsDir };
  const layoutFile = path.join(viewsDir, 'layout.ejs');

  app.engine('ejs', (file: string, locals: object, callback: Callback) => {
    const data = locals as Record<string, unknown>;
    ejs.renderFile(file, data, ejsOptions, (error: Error | null, body?: string) => {
      if (error) return callback(error);
      if (data.layout === false) return callback(null, body);
      ejs.renderFile(layoutFile, { ...data, body }, ejsOptions, callback);
    });
  });
  app.set('views', viewsDir);
  app.set('view engine', 'ejs');
}
