import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time under a folder (0 when it does not exist). */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (max, entry) => (entry === 'node_modules' || entry === 'dist' ? max : Math.max(max, newest(join(path, entry)))),
    stat.mtimeMs,
  );
}

/**
 * Builds the web pages when web/dist is missing or older than its sources (the pages, and shared/, whose contracts
 * and form engine they compile in), so `npm start` on a fresh clone serves them without a separate step.
 */
export function ensureWebBuilt(rootDir: string, log: (line: string) => void = console.log): void {
  const stamp = join(rootDir, 'web', 'dist', '.built');
  const sources = Math.max(newest(join(rootDir, 'web')), newest(join(rootDir, 'shared')));
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= sources) return;
  log('building the web pages (npm run build:web)…');
  const result = spawnSync('npm', ['run', '-s', 'build:web'], { cwd: rootDir, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the web pages did not build (npm run build:web)');
  writeFileSync(stamp, new Date().toISOString());
}
