// The command line: one table entry per experiment, each with --help, --json
// and --csv; one-line usage errors with exit code 2; the progress bar only on
// a terminal; and the program runs when started through a symlink, as npm's
// node_modules/.bin/activation-lab is.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { COMMANDS, COMMON_OPTIONS } from '../../bin/experiments.js';
import { main, parseCommandLine } from '../../bin/activation-lab.js';

const cli = fileURLToPath(new URL('../../bin/activation-lab.js', import.meta.url));

function capture(isTTY = false) {
  const chunks = [];
  return { isTTY, write: (s) => { chunks.push(String(s)); return true; }, text: () => chunks.join('') };
}

async function run(args) {
  const out = capture();
  const err = capture();
  const code = await main(args, out, err);
  return { code, out: out.text(), err: err.text() };
}

/** RFC 4180 lines without quoted newlines (our rows have none): fields per line. */
function parseCsv(text) {
  assert.ok(text.endsWith('\n'), 'CSV ends with a newline');
  return text.trimEnd().split('\n').map((line) => {
    const fields = [];
    for (let i = 0; i <= line.length;) {
      if (line[i] === '"') {
        let j = i + 1;
        let value = '';
        for (;;) {
          if (line[j] === '"' && line[j + 1] === '"') { value += '"'; j += 2; } else if (line[j] === '"') break; else value += line[j++];
        }
        fields.push(value);
        i = j + 2;
      } else {
        const end = line.indexOf(',', i) === -1 ? line.length : line.indexOf(',', i);
        fields.push(line.slice(i, end));
        i = end + 1;
      }
    }
    return fields;
  });
}

// Small, fast arguments for each experiment (all of them must be listed here).
const QUICK = {
  saturation: ['--steps', '100'],
  'dying-relu': [],
  'born-dead': ['--trials', '20'],
  train: ['--steps', '200', '--every', '50', '--dataset', 'xor', '--config', '{"inputs":2,"hidden":[6,4],"activation":["tanh","elu"]}'],
  gcn: ['--steps', '40'],
  lessons: [],
  lesson: ['rrelu'],
};

test('every experiment of the table has quick test arguments here', () => {
  assert.deepEqual(COMMANDS.map((c) => c.name).sort(), Object.keys(QUICK).sort());
});

test('--help lists every experiment; <experiment> --help lists its options, its text and an example', async () => {
  const top = await run(['--help']);
  assert.equal(top.code, 0);
  for (const c of COMMANDS) assert.match(top.out, new RegExp(`^  ${c.name} +${c.summary.replace(/[()]/g, '\\$&')}$`, 'm'));
  assert.deepEqual(await run([]), top, 'no arguments prints the same usage');
  for (const c of COMMANDS) {
    for (const args of [[c.name, '--help'], [c.name, '-h'], ['help', c.name]]) {
      const r = await run(args);
      assert.equal(r.code, 0, args.join(' '));
      const positional = c.positional ? ` <${c.positional.name}>` : '';
      assert.match(r.out, new RegExp(`^usage: activation-lab ${c.name}${positional} \\[options\\]`));
      for (const name of [...Object.keys(c.options), ...Object.keys(COMMON_OPTIONS)]) {
        assert.match(r.out, new RegExp(`^  --${name}\\b.*\\S`, 'm'), `${c.name} --help shows --${name}`);
      }
      assert.ok(r.out.includes(c.example), `${c.name} --help shows its example`);
    }
  }
  const version = await run(['--version']);
  assert.match(version.out, /^\d+\.\d+\.\d+\n$/);
});

test('--json and --csv for every experiment: the same numbers, one CSV row per network, report and layer', async () => {
  for (const c of COMMANDS) {
    const json = JSON.parse((await run([c.name, ...QUICK[c.name], '--json'])).out);
    const csv = await run([c.name, ...QUICK[c.name], '--csv']);
    assert.equal(csv.code, 0);
    const [header, ...rows] = parseCsv(csv.out);
    for (const r of rows) assert.equal(r.length, header.length, `${c.name}: every CSV row has ${header.length} fields`);
    const col = (name) => { const i = header.indexOf(name); assert.ok(i >= 0, `${c.name}: CSV has ${name}`); return rows.map((r) => r[i]); };
    if (c.name === 'lessons' || c.name === 'lesson') {
      // one row per lesson: its id, verdict and every measured number in its own column
      const lessons = c.name === 'lesson' ? [json] : json;
      assert.deepEqual(col('id'), lessons.map((l) => l.id));
      assert.deepEqual(col('holds'), lessons.map((l) => String(l.holds)));
      for (const [k, v] of Object.entries(lessons[0].measured)) {
        if (typeof v === 'number') assert.equal(Number(col(`measured.${k}`)[0]), v, `${c.name}: measured.${k}`);
      }
      continue;
    }
    if (c.name === 'born-dead') {
      assert.equal(rows.length, json.rows.length);
      assert.deepEqual(col('probability').map(Number), json.rows.map((r) => r.probability));
      continue;
    }
    const variants = json.variants ?? [{ activation: '', history: json.history }];
    const reports = variants.flatMap((v) => v.history.flatMap((r) => r.layers.map((l, i) => ({ r, l, i }))));
    assert.equal(rows.length, reports.length, `${c.name}: rows = networks x reports x layers`);
    assert.deepEqual(col('step').map(Number), reports.map(({ r }) => r.step));
    assert.deepEqual(col('layer').map(Number), reports.map(({ i }) => i + 1));
    // Numbers survive the trip bit for bit (shortest round-trip decimal).
    assert.deepEqual(col('deadFraction').map(Number), reports.map(({ l }) => l.deadFraction));
    assert.deepEqual(col('actMean').map(Number), reports.map(({ l }) => l.actMean));
    if (c.name === 'train') assert.deepEqual([...new Set(col('layerActivation'))], ['tanh', 'elu']);
    else assert.deepEqual([...new Set(col('activation'))], variants.map((v) => v.activation));
  }
});

test('CSV quotes fields with commas and quotes (RFC 4180)', async () => {
  const { toCsv } = await import('../../bin/format.js');
  const text = toCsv([{ a: 'x,y', b: 'say "hi"', c: null, d: [1, 2] }, { a: 1, e: true }]);
  assert.equal(text, 'a,b,c,d,e\n"x,y","say ""hi""",,"[1,2]",\n1,,,,true\n');
  assert.deepEqual(parseCsv(text)[1], ['x,y', 'say "hi"', '', '[1,2]', '']);
});

test('a bad flag or value exits 2 with one line on stderr that names it and what is allowed', () => {
  for (const [args, message] of [
    [['sideways'], /^activation-lab: unknown experiment "sideways"; allowed: saturation, dying-relu, born-dead, train, gcn, lessons, lesson$/],
    [['lesson'], /^activation-lab: lesson needs an id; allowed: nonlinearity, /],
    [['lesson', 'nope'], /^activation-lab: lesson must be one of nonlinearity, .*; got "nope"$/],
    [['lesson', 'rrelu', 'prelu'], /lesson takes one id, got 2/],
    [['lessons', 'extra'], /unexpected argument "extra" for lessons/],
    [['saturaton'], /did you mean saturation\?/],
    [['train', '--stpes', '3'], /^activation-lab: unknown option --stpes for train \(did you mean --steps\?\); allowed: --config, .*--steps/],
    [['dying-relu', '--steps', '3'], /unknown option --steps for dying-relu; allowed: --seed, --json/],
    [['train', '--steps', '-1'], /--steps must be an integer in \[0, 1000000\]; got "-1"/],
    [['train', '--steps', '1.5'], /--steps must be an integer in \[0, 1000000\]; got "1.5"/],
    [['train', '--noise', 'lots'], /--noise must be a number in \[0, 1\]; got "lots"/],
    [['born-dead', '--seed', '-3'], /--seed must be an integer in \[0, 4294967295\]; got "-3"/],
    [['train', '--steps'], /--steps needs a value \(N\)/],
    [['train', '--steps', '--json'], /--steps needs a value \(N\)/],
    [['gcn', '--json=yes'], /--json takes no value/],
    [['gcn', 'extra'], /unexpected argument "extra" for gcn/],
    [['train', '--json', '--csv'], /--json and --csv exclude each other/],
    [['--steps', '3'], /the experiment comes first/],
    [['train', '--config', '{"inputs":2,"hidden":[0]}'], /hidden\[0\] must be an integer in \[1, 1024\]; got 0/],
    [['train', '--config', 'no-such-file.json'], /--config must be JSON text or a JSON file; cannot read "no-such-file.json" \(ENOENT\)/],
    [['train', '--config', '{"inputs":'], /--config must be a JSON object/],
    [['train', '--dataset', 'donut'], /donut/],
  ]) {
    const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
    assert.equal(r.status, 2, `${args.join(' ')}: exit ${r.status}, stderr ${r.stderr}`);
    assert.equal(r.stdout, '', `${args.join(' ')}: nothing on stdout`);
    assert.match(r.stderr, /^activation-lab: [^\n]+\n$/, `${args.join(' ')}: one line`);
    assert.match(r.stderr.trimEnd(), message);
  }
});

test('parseCommandLine converts typed options and keeps booleans', () => {
  const { command, values } = parseCommandLine(['train', '--steps', '300', '--noise', '0.25', '--csv', '--seed=7']);
  assert.equal(command.name, 'train');
  assert.deepEqual(values, { steps: 300, noise: 0.25, csv: true, seed: 7 });
});

test('the progress bar is drawn on a terminal only (or with --progress), never into a pipe', async () => {
  const args = ['born-dead', '--trials', '5'];
  const drawn = (text) => /\r\[#+\.*\] +\d+%/.test(text) && text.endsWith('100%\n');
  const tty = capture(true);
  await main(args, capture(), tty);
  assert.ok(drawn(tty.text()), `terminal: ${JSON.stringify(tty.text().slice(-60))}`);
  const quiet = capture(true);
  await main([...args, '--no-progress'], capture(), quiet);
  assert.equal(quiet.text(), '');
  const pipe = capture(false);
  await main(args, capture(), pipe);
  assert.equal(pipe.text(), '');
  const forced = capture(false);
  await main([...args, '--progress'], capture(), forced);
  assert.ok(drawn(forced.text()));
  // A real pipe: the child's stderr is not a terminal.
  const child = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  assert.equal(child.status, 0);
  assert.equal(child.stderr, '');
});

test('runs through a symlink named activation-lab, as npm links node_modules/.bin', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'alab-bin-'));
  try {
    const link = path.join(dir, 'activation-lab');
    symlinkSync(cli, link);
    const r = spawnSync(link, ['born-dead', '--trials', '10'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^born-dead\n\nhe: P\(born dead\)/);
    // A relative path through the link, as `node node_modules/.bin/activation-lab` gives.
    const viaNode = spawnSync(process.execPath, ['activation-lab', '--version'], { cwd: dir, encoding: 'utf8' });
    assert.match(viaNode.stdout, /^\d+\.\d+\.\d+\n$/);
    // Importing the module from another program does not run it.
    const script = path.join(dir, 'import.mjs');
    writeFileSync(script, `await import(${JSON.stringify(new URL('../../bin/activation-lab.js', import.meta.url).href)}); console.log('imported');\n`);
    const imported = spawnSync(process.execPath, [script, 'born-dead'], { encoding: 'utf8' });
    assert.equal(imported.stdout, 'imported\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Runs the program as a user would; returns { status, stdout, stderr }. */
const runCli = (args) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

function assertUsageError(args, message) {
  const r = runCli(args);
  assert.equal(r.status, 2, `${args.join(' ')}: exit ${r.status}, stdout ${r.stdout.slice(0, 80)}, stderr ${r.stderr}`);
  assert.equal(r.stdout, '', `${args.join(' ')}: nothing on stdout`);
  assert.match(r.stderr, /^activation-lab: [^\n]+\n$/, `${args.join(' ')}: one line`);
  assert.match(r.stderr.trimEnd(), message);
}

test('a value given to --help names --help, not a mangled "-h,"', () => {
  assertUsageError(['train', '--help=yes'], /^activation-lab: --help takes no value$/);
  assertUsageError(['born-dead', '--csv=1'], /^activation-lab: --csv takes no value$/);
});

test('numeric options take decimal numbers only: hex, binary, octal and padded text are refused, not read as numbers', () => {
  for (const raw of ['0x10', '0b11', '0o7', ' 5', '5 ', '']) {
    assertUsageError(['train', '--steps', raw], new RegExp(`--steps must be an integer in \\[0, 1000000\\]; got ${JSON.stringify(raw).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  }
  assertUsageError(['train', '--noise', '0x1'], /--noise must be a number in \[0, 1\]; got "0x1"$/);
  const { values } = parseCommandLine(['train', '--steps', '2e3', '--noise', '.5', '--seed', '+7', '--every', '10.0']);
  assert.deepEqual(values, { steps: 2000, noise: 0.5, seed: 7, every: 10 }, 'decimal forms, exponents and a sign still read');
});

test('--config text that is a JSON array or scalar is named as not an object, not looked up as a file', () => {
  assertUsageError(['train', '--config', '[1,2]'], /^activation-lab: --config must be a JSON object; got an array$/);
  assertUsageError(['gcn', '--config', ' ["x"]'], /^activation-lab: --config must be a JSON object; got an array$/);
  const dir = mkdtempSync(path.join(tmpdir(), 'alab-config-'));
  try {
    const file = path.join(dir, 'c.json');
    writeFileSync(file, '42');
    assertUsageError(['train', '--config', file], /^activation-lab: --config must be a JSON object; got 42$/);
    writeFileSync(file, '{"inputs": 2, "hid');
    assertUsageError(['train', '--config', file], /^activation-lab: --config must be a JSON object: .*JSON/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('help takes at most one experiment and --version nothing; --help <experiment> is help <experiment>', async () => {
  assertUsageError(['help', 'train', 'extra'], /^activation-lab: help takes one experiment, got 2; see activation-lab --help$/);
  assertUsageError(['--help', 'train', 'gcn'], /^activation-lab: help takes one experiment, got 2; see activation-lab --help$/);
  assertUsageError(['--version', 'extra'], /^activation-lab: --version takes no arguments; got "extra"$/);
  assertUsageError(['--help', 'extra'], /^activation-lab: unknown experiment "extra"; allowed: /);
  assert.deepEqual(await run(['--help', 'train']), await run(['help', 'train']));
  assert.deepEqual(await run(['-h', 'gcn']), await run(['gcn', '--help']));
});

test('train --dataset works with every dataset: the network follows the data where --config does not say', async () => {
  const help = await run(['train', '--help']);
  const { shippedSchema } = await import('../../web/lib/schema.js');
  for (const name of shippedSchema().dataset.names) {
    assert.match(help.out, new RegExp(`--dataset NAME .*\\b${name}\\b`), `train --help lists ${name}`);
    const args = ['train', '--dataset', name, '--steps', '4', '--every', '2', '--n', '40', '--json'];
    const r = await run(args);
    assert.equal(r.code, 0, args.join(' '));
    const { config, history } = JSON.parse(r.out);
    assert.equal(history.at(-1).step, 4);
    assert.equal(config.inputs, name === 'sine' ? 1 : name === 'shapeset' ? 1024 : 2, `${name}: inputs`);
    const head = { spiral_k: 'softmax', shapeset: 'softmax', sine: 'linear', plane: 'linear', multi_gauss: 'linear' }[name] ?? 'sigmoid';
    assert.equal(config.output, head, `${name}: head`);
  }
  // The config's own fields win; a mismatch it asks for is named with the flags.
  const own = JSON.parse((await run(['train', '--dataset', 'spiral_k', '--config', '{"hidden":[5],"output":"softmax","classes":4}', '--steps', '1', '--json'])).out);
  assert.deepEqual([own.config.inputs, own.config.hidden, own.config.classes], [2, [5], 4]);
  assertUsageError(['train', '--dataset', 'sine', '--config', '{"inputs":2}', '--steps', '1'],
    /^activation-lab: --dataset sine does not fit --config: data\.inputs must be the network's inputs \(2\); got 1$/);
  assertUsageError(['train', '--dataset', 'spiral_k', '--config', '{"output":"sigmoid"}', '--steps', '1'],
    /^activation-lab: --dataset spiral_k does not fit --config: y\[\d+\] must be 0 or 1 for a sigmoid head; got 2$/);
});

test('--config reads a JSON file saved with a UTF-8 byte-order mark (as some Windows editors write it)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'alab-bom-'));
  try {
    const file = path.join(dir, 'config.json');
    writeFileSync(file, '\ufeff{"inputs":2,"hidden":[3]}');
    const r = await run(['train', '--config', file, '--steps', '2', '--every', '2', '--json']);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.out).config.hidden, [3]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('runs that would keep more reports than memory holds are refused at once (train: 20000 reports; gcn: --steps 100000)', () => {
  // Before, both ran for minutes and then died of "JavaScript heap out of memory" with a native stack trace.
  for (const [args, message] of [
    [['train', '--steps', '1000000', '--every', '1'], /^activation-lab: --every must be at least 50 for --steps 1000000 \(at most 20000 reports\); got 1$/],
    [['train', '--steps', '20001', '--every', '1'], /^activation-lab: --every must be at least 2 for --steps 20001 \(at most 20000 reports\); got 1$/],
    [['gcn', '--steps', '1000000'], /^activation-lab: --steps must be an integer in \[0, 100000\]; got "1000000"$/],
  ]) {
    const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 20000 });
    assert.equal(r.status, 2, `${args.join(' ')}: exit ${r.status} ${r.signal ?? ''}`);
    assert.match(r.stderr.trimEnd(), message);
  }
});
