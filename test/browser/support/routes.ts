import type { Express } from 'express';

interface Layer {
  rawPath?: unknown;
  slash?: boolean;
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/**
 * Every GET route of the app, with its full path, found by walking Express 5's router: app.router.stack, routers
 * mounted with app.use (layer.handle.stack, under their mount path) and their routes (layer.route.path).
 */
export function getRoutes(app: Express): string[] {
  const walk = (stack: Layer[], prefix: string): string[] =>
    stack.flatMap((layer) => {
      if (layer.route) {
        if (!layer.route.methods.get) return [];
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        return paths.map((p) => `${prefix}${p}`);
      }
      if (layer.handle?.stack) {
        const mount =
          layer.slash || typeof layer.rawPath !== 'string' ? '' : layer.rawPath.replace(/\/$/, '');
        return walk(layer.handle.stack, `${prefix}${mount}`);
      }
      return [];
    });
  return [...new Set(walk((app as unknown as { router: { stack: Layer[] } }).router.stack, ''))];
}
