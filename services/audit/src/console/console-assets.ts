import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let root: string | undefined;

/**
 * tsc copies no .html/.js/.css into dist, so the page is served from the source tree: walk up
 * to the forewarn package.json, which works from src (jest) and from dist (the compiled run).
 */
export function repoRoot(from = __dirname): string {
  if (root) return root;
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'forewarn') return (root = dir);
    if (dirname(dir) === dir) throw new Error(`Cannot find the forewarn package.json above ${from}`);
  }
}

export const publicDir = () => join(repoRoot(), 'services', 'audit', 'src', 'console', 'public');

const types: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', html: 'text/html; charset=utf-8' };

/** The file behind /console/assets/<name>: the page's own files, and Chart.js. Nothing else. */
export function assetFile(name: string): { path: string; type: string } | null {
  if (name === 'chart.umd.js') return { path: join(repoRoot(), 'node_modules', 'chart.js', 'dist', 'chart.umd.js'), type: types.js };
  // Names only (no slash, no empty segment), so no path can leave the public folder.
  const m = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(js|css)$/.exec(name);
  if (!m) return null;
  const path = join(publicDir(), name);
  return existsSync(path) ? { path, type: types[m[1]] } : null;
}

export const pageFile = () => ({ path: join(publicDir(), 'index.html'), type: types.html });
