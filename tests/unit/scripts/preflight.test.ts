import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const PREFLIGHT = resolve(__dirname, '../../../scripts/preflight.cjs');
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** The preflight as an ordinary user on a machine with none of the tools (nothing on PATH, no Chromium). */
function bareMachine() {
  const command = asRoot ? ['/usr/sbin/runuser', '-u', 'nobody', '--', process.execPath, PREFLIGHT] : [process.execPath, PREFLIGHT];
  const started = Date.now();
  const r = spawnSync(command[0]!, command.slice(1), {
    encoding: 'utf8',
    env: { PATH: '/nonexistent', CHROMIUM_PATH: '/nonexistent/chromium', HOME: '/nonexistent' },
    timeout: 20_000,
  });
  return { ...r, seconds: (Date.now() - started) / 1000 };
}

describe('npm test’s preflight', () => {
  it('names each missing package and the apt-get line, and stops within seconds, as a user who cannot install', () => {
    const r = bareMachine();
    expect(r.status).toBe(1);
    for (const pkg of ['chromium', 'poppler-utils', 'faketime']) expect(r.stderr).toContain(`Debian package ${pkg}`);
    expect(r.stderr).toMatch(/sudo apt-get update && sudo apt-get install -y chromium poppler-utils (fonts-liberation )?faketime\n/);
    expect(r.seconds).toBeLessThan(10);
  });

  it('passes quietly where everything is installed (this machine, once npm test has run)', () => {
    const r = spawnSync(process.execPath, [PREFLIGHT], { encoding: 'utf8', timeout: 20_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
