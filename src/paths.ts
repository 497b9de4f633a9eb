import fs from 'node:fs';
import path from 'node:path';

/** The repository root (the folder holding package.json), whether running from src/ or dist/src/. */
function findProjectRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export const projectRoot = findProjectRoot(__dirname);
export const viewsDir = path.join(projectRoot, 'views');
export const publicDir = path.join(projectRoot, 'public');
export const migrationsDir = path.join(projectRoot, 'src', 'db', 'migrations');
