// The command line follows convention: --help/-h on every command and sub-command (looped over the
// command table, so a new one cannot lack help), --version, and usage errors that name the flag or
// command and suggest the closest valid one.
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempHome } from '../upload/testing/fixtures.js';
import { closestName } from './closest-name.js';
import { commandNames, loadCommand, runCli } from './main.js';

let home: string;
beforeAll(async () => {
  home = await tempHome();
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), stdin: Readable.from([]), env: { PROFILE_LOADER_HOME: home } });
  return { code, out, err };
}

const version = async (): Promise<string> => (JSON.parse(await readFile(resolve(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;

describe('help', () => {
  it('--help, -h and "help NAME" print every command\'s help to stdout with exit 0, naming every flag it takes', async () => {
    expect(commandNames).toEqual(expect.arrayContaining(['validate', 'upload', 'jobs', 'connections', 'profiles']));
    for (const name of commandNames) {
      const command = await loadCommand(name);
      expect(command.usage, name).toMatch(new RegExp(`^Usage: profile-loader ${name} `));
      for (const flag of command.flags) expect(command.usage, `${name} documents --${flag}`).toContain(`--${flag}`);
      for (const argv of [[name, '--help'], [name, '-h'], ['help', name], ['--help', name]]) {
        expect(await cli(...argv), argv.join(' ')).toEqual({ code: 0, out: `${command.usage}\n`, err: '' });
      }
    }
  });

  it('--help and -h print every sub-command\'s own help, naming every flag it takes; each flag belongs to some sub-command', async () => {
    let seen = 0;
    for (const name of commandNames) {
      const command = await loadCommand(name);
      const subs = Object.entries(command.subcommands);
      if (subs.length === 0) continue;
      for (const flag of command.flags) expect(subs.some(([, flags]) => flags.includes(flag)), `${name}: some sub-command takes --${flag}`).toBe(true);
      for (const [sub, flags] of subs) {
        seen++;
        const help = await cli(name, sub, '--help');
        expect(help, `${name} ${sub} --help`).toMatchObject({ code: 0, err: '' });
        expect(help.out).toMatch(new RegExp(`^Usage: profile-loader ${name} ${sub}( |\\n)`));
        expect(help.out).not.toBe(`${command.usage}\n`);
        for (const flag of flags) expect(help.out, `${name} ${sub} --help documents --${flag}`).toContain(`--${flag}`);
        expect(await cli(name, sub, '-h')).toEqual(help);
        expect(await cli('help', name, sub)).toEqual(help);
        // Help wins over anything else on the line: no stdin is read, nothing is checked or changed.
        expect(await cli(name, sub, 'SOME-ID', '--json', '--help')).toEqual(help);
      }
    }
    expect(seen).toBeGreaterThanOrEqual(13);
  });

  it('help wins over missing arguments: "upload --help" prints its help instead of asking for a FILE', async () => {
    const help = await cli('upload', '--help');
    expect(help).toMatchObject({ code: 0, err: '' });
    expect(help.out).toContain('--send-valid-rows');
  });

  it('the overview lists every command and says how to get help and the version; without arguments it exits 2', async () => {
    const overview = await cli('--help');
    expect(overview).toMatchObject({ code: 0, err: '' });
    for (const name of commandNames) expect(overview.out).toMatch(new RegExp(`^ {2}${name} +\\S`, 'm'));
    expect(overview.out).toContain('--version');
    expect(await cli('-h')).toEqual(overview);
    expect(await cli('help')).toEqual(overview);
    expect(await cli()).toEqual({ ...overview, code: 2 });
  });
});

describe('--version', () => {
  it('prints the version package.json holds', async () => {
    const v = await version();
    expect(v).toMatch(/^\d+\.\d+\.\d+/);
    expect(await cli('--version')).toEqual({ code: 0, out: `${v}\n`, err: '' });
    expect(await cli('-V')).toEqual({ code: 0, out: `${v}\n`, err: '' });
  });
});

describe('usage errors name the flag or command and suggest the closest (exit 2, nothing on stdout)', () => {
  it('an unknown flag', async () => {
    expect(await cli('upload', 'x.csv', '--jsn')).toEqual({ code: 2, out: '', err: "profile-loader upload: Unknown option '--jsn'. Did you mean '--json'?\n" });
    expect(await cli('validate', 'x.csv', '--id-colum', 'id')).toEqual({ code: 2, out: '', err: "profile-loader validate: Unknown option '--id-colum'. Did you mean '--id-column'?\n" });
    // A swap of two letters, a single dash and a unique beginning count as close.
    expect((await cli('jobs', 'list', '--jsno')).err).toBe("profile-loader jobs: Unknown option '--jsno'. Did you mean '--json'?\n");
    expect((await cli('upload', 'x.csv', '-json')).err).toBe("profile-loader upload: Unknown option '-json'. Did you mean '--json'?\n");
    expect((await cli('upload', 'x.csv', '--send')).err).toBe("profile-loader upload: Unknown option '--send'. Did you mean '--send-valid-rows'?\n");
    expect((await cli('profiles', 'add', '--base-ulr', 'https://x')).err).toBe("profile-loader profiles: Unknown option '--base-ulr'. Did you mean '--base-url'?\n");
    // Nothing close: point to the help.
    expect(await cli('jobs', 'list', '--frobnicate')).toEqual({ code: 2, out: '', err: 'profile-loader jobs: Unknown option \'--frobnicate\'. Run "profile-loader jobs --help" for the options.\n' });
    expect(await cli('--frobnicate')).toEqual({ code: 2, out: '', err: 'profile-loader: Unknown option \'--frobnicate\'. Run "profile-loader --help" for the options.\n' });
  });

  it('a flag without its value, or with a value it does not take', async () => {
    expect(await cli('upload', 'x.csv', '--profile')).toEqual({ code: 2, out: '', err: 'profile-loader upload: Option \'--profile\' needs a value (for a value that starts with "-", write --profile=VALUE).\n' });
    expect(await cli('validate', 'x.csv', '--json=yes')).toEqual({ code: 2, out: '', err: "profile-loader validate: Option '--json' takes no value.\n" });
  });

  it('a flag of another sub-command is ignored with a note (it was accepted before sub-commands declared their flags)', async () => {
    expect(await cli('jobs', 'list', '--token-stdin')).toEqual({ code: 0, out: 'no jobs yet\n', err: 'profile-loader jobs: Option \'--token-stdin\' does not go with "jobs list" and was ignored; it is for "jobs resume" or "jobs retry".\n' });
  });

  it('an unknown command or sub-command', async () => {
    expect(await cli('uplod', 'x.csv')).toEqual({ code: 2, out: '', err: "profile-loader: Unknown command 'uplod'. Did you mean 'upload'?\n" });
    expect(await cli('frobnicate')).toEqual({ code: 2, out: '', err: 'profile-loader: Unknown command \'frobnicate\'. Run "profile-loader --help" for the list.\n' });
    expect(await cli('help', 'jbos')).toEqual({ code: 2, out: '', err: "profile-loader: Unknown command 'jbos'. Did you mean 'jobs'?\n" });
    expect(await cli('jobs', 'lsit')).toEqual({ code: 2, out: '', err: "profile-loader jobs: Unknown jobs sub-command 'lsit'. Did you mean 'list'?\n" });
    expect(await cli('connections', 'remvoe', 'X')).toEqual({ code: 2, out: '', err: "profile-loader connections: Unknown connections sub-command 'remvoe'. Did you mean 'remove'?\n" });
    expect(await cli('profiles', 'tset', 'X', '--help')).toEqual({ code: 2, out: '', err: "profile-loader profiles: Unknown profiles sub-command 'tset'. Did you mean 'test'?\n" });
    expect(await cli('jobs', 'frobnicate')).toEqual({ code: 2, out: '', err: 'profile-loader jobs: Unknown jobs sub-command \'frobnicate\'; use list, show, resume, cancel, retry, results, repair, verify or resend-missing.\n' });
  });

  it('suggests only what is close', () => {
    expect(closestName('jsn', ['json', 'out'])).toBe('json');
    expect(closestName('JSON', ['json'])).toBe('json');
    expect(closestName('ls', ['list', 'add'])).toBeUndefined();
    expect(closestName('frobnicate', ['list', 'add', 'remove', 'test', 'set-token', 'set-secret'])).toBeUndefined();
    // A beginning shared by two names is no suggestion.
    expect(closestName('set', ['set-token', 'set-secret'])).toBeUndefined();
  });
});

describe('the installed entry point, as a shell runs it', () => {
  const bin = resolve(__dirname, '../../bin/profile-loader.mjs');
  const run = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      execFile(process.execPath, [bin, ...args], { env: { ...process.env, PROFILE_LOADER_HOME: home } }, (error, stdout, stderr) => {
        done({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      });
    });

  it('prints --version and "upload --help" (which once answered "Unknown option \'--help\'")', async () => {
    expect(await run('--version')).toEqual({ code: 0, stdout: `${await version()}\n`, stderr: '' });
    const help = await run('upload', '--help');
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: profile-loader upload FILE/);
  }, 60_000);
});
