import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The packaging configuration is checked here; installers are made on a Windows build agent
 * (never run electron-builder on this machine: it rebuilds the native module for Electron's ABI).
 * The files are read with electron-builder's own loader (which resolves `extends`) and validated
 * with its own validator against app-builder-lib's scheme.json.
 */
type ConfigModule = typeof import('app-builder-lib/out/util/config/config');
type IconModule = typeof import('app-builder-lib/out/util/iconConverter');
type Configuration = Awaited<ReturnType<ConfigModule['getConfig']>>;

const root = join(__dirname, '..', '..', '..');
const require = createRequire(__filename);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as ConfigModule;
const { convertIcon } = require('app-builder-lib/out/util/iconConverter') as IconModule;
const quietLogger = { isEnabled: false, data: new Map(), add: () => undefined, save: async () => undefined };

async function load(file: string): Promise<Configuration> {
  const config = await getConfig(root, file, null);
  await validateConfiguration(config, quietLogger);
  return config;
}

function targetsOf(config: Configuration): string[] {
  const target = config.win?.target;
  const list = Array.isArray(target) ? target : target ? [target] : [];
  return list.map((t) => (typeof t === 'string' ? t : t.target));
}

interface NamedFile {
  option: string;
  value: string;
}

/** Every option that names a file: any string ending in a file type the builder reads, and extraResources' `from`. */
function namedFiles(value: unknown, option = ''): NamedFile[] {
  if (typeof value === 'string') return /\.(ico|icns|png|bmp|svg|txt|rtf|html)$/i.test(value) ? [{ option, value }] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => namedFiles(item, `${option}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => {
      const at = option ? `${option}.${key}` : key;
      if ((key === 'extraResources' || key === 'extraFiles') && Array.isArray(item)) {
        return item.flatMap((entry: unknown, i) =>
          entry && typeof entry === 'object' && 'from' in entry && typeof entry.from === 'string' ? [{ option: `${at}[${i}].from`, value: entry.from }] : [],
        );
      }
      return namedFiles(item, at);
    });
  }
  return [];
}

/** Those that are missing, looked for as electron-builder does: in buildResources, then in the project folder. */
function missingFiles(config: Configuration): NamedFile[] {
  const buildResources = resolve(root, config.directories?.buildResources ?? 'build');
  return namedFiles(config).filter(({ value }) => !existsSync(resolve(buildResources, value)) && !existsSync(resolve(root, value)));
}

/** The options that name Signpost's icon, installer art, licence and window icons. */
const fileOptions = [
  'win.icon',
  'nsis.installerIcon',
  'nsis.uninstallerIcon',
  'nsis.installerHeader',
  'nsis.installerSidebar',
  'nsis.uninstallerSidebar',
  'nsis.license',
  'extraResources[0].from',
  'extraResources[1].from',
];

const releaseFuses = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true,
};

describe('electron-builder.yml (release)', () => {
  let config: Configuration;
  beforeAll(async () => {
    config = await load('electron-builder.yml');
  });

  it('is valid YAML that names the app', () => {
    const raw = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
    expect(raw.appId).toBe('uk.nhs.signpost');
    expect(raw.productName).toBe('Signpost');
  });

  it('builds a per-user NSIS installer that needs no admin rights', () => {
    expect(targetsOf(config)).toContain('nsis');
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false, deleteAppDataOnUninstall: false });
  });

  it('builds a per-machine MSI for Group Policy and Intune, with a fixed upgrade code', () => {
    expect(targetsOf(config)).toContain('msi');
    expect(config.msi?.perMachine).toBe(true);
    expect(config.msi?.upgradeCode).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('has no portable build (AppLocker blocks what it unpacks into %TEMP%)', () => {
    expect(targetsOf(config)).toEqual(['nsis', 'msi']);
    expect(config.portable).toBeUndefined();
  });

  it('sets the release fuses', () => {
    expect(config.electronFuses).toMatchObject(releaseFuses);
    expect(config.electronFuses?.grantFileProtocolExtraPrivileges).toBe(false);
  });

  it('unpacks the native cipher module from the asar', () => {
    expect(config.asar).not.toBe(false);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3-multiple-ciphers/**');
  });

  it('publishes nothing and has no auto-update', () => {
    expect(config.publish).toBeNull();
    expect(config.nsis?.publish).toBeUndefined();
    expect(config.msi?.publish).toBeUndefined();
  });

  it('names the icon, the installer art and the licence, and every file it names exists', () => {
    expect(config.directories?.buildResources).toBe('resources');
    expect(namedFiles(config).map((f) => f.option)).toEqual(expect.arrayContaining(fileOptions));
    expect(missingFiles(config)).toEqual([]);
  });

  it('gives the window icon.ico and icon.png beside the app, where main/electron looks for them', () => {
    expect(config.extraResources).toEqual([
      { from: 'resources/icon.ico', to: 'icon.ico' },
      { from: 'resources/icon.png', to: 'icon.png' },
    ]);
  });

  it("has a Windows icon that electron-builder's icon check accepts (256 px at least), not Electron's default", async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'signpost-icon-'));
    try {
      const icon = config.win?.icon;
      expect(typeof icon).toBe('string');
      const result = await convertIcon({ sources: [icon as string], fallbackSources: [], roots: [resolve(root, 'resources'), root], format: 'ico', outDir });
      expect(result.isFallback).toBe(false);
      expect(result.icons).toEqual([{ file: resolve(root, 'resources', 'icon.ico'), size: 256 }]);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('packages the built main, preload and renderer but never the development host', () => {
    const raw = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { files: string[] };
    expect(raw.files).toEqual(expect.arrayContaining(['package.json', 'dist/main/**/*', 'dist/preload/**/*', 'dist/renderer/**/*', '!dist/main/devhost/**']));
    expect(config.directories?.output).not.toBe('dist');
  });
});

describe('electron-builder.test.yml (the build the Electron end-to-end test drives)', () => {
  let config: Configuration;
  beforeAll(async () => {
    config = await load('electron-builder.test.yml');
  });

  it('extends the release configuration', () => {
    const raw = parse(readFileSync(join(root, 'electron-builder.test.yml'), 'utf8')) as Record<string, unknown>;
    expect(raw.extends).toBe('./electron-builder.yml');
    expect(targetsOf(config)).toEqual(['nsis', 'msi']);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3-multiple-ciphers/**');
  });

  it("turns the inspect fuse on for Playwright's _electron and keeps every other fuse", () => {
    expect(config.electronFuses).toMatchObject({ ...releaseFuses, enableNodeCliInspectArguments: true });
  });

  it('writes somewhere else and is a different app, so it is never mistaken for a release', () => {
    expect(config.directories?.output).toBe('release-test');
    expect(config.appId).not.toBe('uk.nhs.signpost');
  });

  it('keeps the icon, the installer art and the licence, and every file it names exists', () => {
    expect(config.directories?.buildResources).toBe('resources');
    expect(namedFiles(config).map((f) => f.option)).toEqual(expect.arrayContaining(fileOptions));
    expect(missingFiles(config)).toEqual([]);
  });
});

describe("electron-builder's validator", () => {
  it('refuses a misspelt option, so the checks above mean something', async () => {
    const config = await getConfig(root, 'electron-builder.yml', null);
    const broken = { ...config, nsis: { ...config.nsis, perMachin: true } } as Configuration;
    await expect(validateConfiguration(broken, quietLogger)).rejects.toThrow(/does not match the API schema[\s\S]*nsis/);
  });

  it('refuses an unknown fuse', async () => {
    const config = await getConfig(root, 'electron-builder.yml', null);
    const broken = { ...config, electronFuses: { ...config.electronFuses, runAsNodeX: false } } as Configuration;
    await expect(validateConfiguration(broken, quietLogger)).rejects.toThrow(/does not match the API schema[\s\S]*electronFuses/);
  });
});

describe('the check that every named file exists', () => {
  it('finds a named file that does not exist, so the checks above mean something', async () => {
    const config = await getConfig(root, 'electron-builder.yml', null);
    const broken = { ...config, nsis: { ...config.nsis, installerSidebar: 'resources/no-such-sidebar.bmp' } } as Configuration;
    expect(missingFiles(broken)).toEqual([{ option: 'nsis.installerSidebar', value: 'resources/no-such-sidebar.bmp' }]);
    const noResource = { ...config, extraResources: [{ from: 'resources/no-such-icon.png', to: 'icon.png' }] } as Configuration;
    expect(missingFiles(noResource)).toEqual([{ option: 'extraResources[0].from', value: 'resources/no-such-icon.png' }]);
  });
});
