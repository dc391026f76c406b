#!/usr/bin/env node
// Headless experiments from the command line:
//   npx activation-lab <experiment> [options]      (experiments: bin/experiments.js)
//   npx activation-lab <experiment> --help
// Tables on stdout (or --json, --csv); a progress bar on stderr when it is a
// terminal. Usage errors print one line and exit 2; other failures exit 1.
import { realpathSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs as parseNodeArgs } from 'node:util';

import { loadLab } from '../web/lib/node.js';
import { COMMANDS, COMMON_OPTIONS } from './experiments.js';
import { toCsv } from './format.js';

const flag = (name, spec) => `--${name}${spec.type === 'string' ? ` ${spec.value}` : ''}${spec.short ? `, -${spec.short}` : ''}`;

function optionLines(options) {
  const entries = Object.entries(options);
  const width = Math.max(...entries.map(([n, s]) => flag(n, s).length)) + 2;
  return entries.map(([n, s]) => `  ${flag(n, s).padEnd(width)}${s.help}`).join('\n');
}

export function usage() {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return `usage: activation-lab <experiment> [options]

experiments:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}

every experiment takes:
${optionLines(COMMON_OPTIONS)}

activation-lab <experiment> --help lists its own options; activation-lab --version prints the version.`;
}

export function experimentHelp(command) {
  return `usage: activation-lab ${command.name}${command.positional ? ` <${command.positional.name}>` : ''} [options]

${command.summary}.
${command.description}

options:
${optionLines({ ...command.options, ...COMMON_OPTIONS })}

example:
  ${command.example}`;
}

// A near miss for "did you mean": edit distance ≤ 2.
function closest(word, candidates) {
  const distance = (a, b) => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    return d[a.length][b.length];
  };
  const best = candidates.map((c) => [c, distance(word, c)]).sort((x, y) => x[1] - y[1])[0];
  return best && best[1] <= 2 ? best[0] : undefined;
}

function findCommand(name) {
  const command = COMMANDS.find((c) => c.name === name);
  if (command) return command;
  const names = COMMANDS.map((c) => c.name);
  const hint = closest(name, names);
  throw new RangeError(`unknown experiment ${JSON.stringify(name)}${hint ? ` (did you mean ${hint}?)` : ''}; allowed: ${names.join(', ')}`);
}

/**
 * Parses argv (without node and the script) into
 * { command?, values, help?, version? }; throws a RangeError with a one-line
 * message for anything it does not accept.
 */
export function parseCommandLine(argv) {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-v') {
    if (rest.length) throw new RangeError(`${first} takes no arguments; got ${JSON.stringify(rest[0])}`);
    return { version: true, values: {} };
  }
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    // `help [experiment]`, also spelt --help / -h
    if (rest.length > 1) throw new RangeError(`help takes one experiment, got ${rest.length}; see activation-lab --help`);
    return rest.length ? { command: findCommand(rest[0]), help: true, values: {} } : { help: true, values: {} };
  }
  if (first.startsWith('-')) throw new RangeError(`the experiment comes first: activation-lab <experiment> ${first} ...; see activation-lab --help`);
  const command = findCommand(first);
  const specs = { ...command.options, ...COMMON_OPTIONS };
  let parsed;
  try {
    parsed = parseNodeArgs({
      args: joinValues(rest, specs),
      options: Object.fromEntries(Object.entries(specs).map(([n, s]) => [n, s.short ? { type: s.type, short: s.short } : { type: s.type }])),
      strict: true,
      allowPositionals: Boolean(command.positional),
    });
  } catch (error) {
    throw new RangeError(usageMessage(error, command, specs));
  }
  const values = {};
  if (command.positional) {
    // `lesson <id>`: exactly one positional, checked by the command's reader
    const { name, read } = command.positional;
    if (parsed.positionals.length === 0 && !parsed.values.help) throw new RangeError(command.positional.missing);
    if (parsed.positionals.length > 1) {
      throw new RangeError(`${command.name} takes one ${name}, got ${parsed.positionals.length}; see activation-lab ${command.name} --help`);
    }
    if (parsed.positionals.length === 1) values[name] = read(parsed.positionals[0]);
  }
  for (const [name, raw] of Object.entries(parsed.values)) values[name] = specs[name].read ? specs[name].read(name, raw) : raw;
  if (values.json && values.csv) throw new RangeError('--json and --csv exclude each other; choose one');
  if (values.progress && values['no-progress']) throw new RangeError('--progress and --no-progress exclude each other; choose one');
  return { command, values, help: values.help === true };
}

// `--steps -1` → `--steps=-1`, so a negative number reaches our range check
// instead of parseArgs' "ambiguous argument" (a following --flag stays a flag).
function joinValues(args, specs) {
  const out = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i].startsWith('--') ? args[i].slice(2) : null;
    const next = args[i + 1];
    if (name && specs[name]?.type === 'string' && next !== undefined && !/^--?[a-z]/i.test(next)) {
      out.push(`${args[i]}=${next}`);
      i++;
    } else {
      out.push(args[i]);
    }
  }
  return out;
}

// util.parseArgs' messages are several sentences long; ours is one line that
// names the flag and what is allowed.
function usageMessage(error, command, specs) {
  // "Option '-h, --help' does not take an argument": the long name, after a short alias
  const quoted = /'(?:-[^-' ], )?(-[^' ]*)/.exec(error.message)?.[1] ?? '';
  const name = quoted.replace(/^-+/, '');
  const allowed = Object.keys(specs).map((n) => `--${n}`).join(', ');
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const hint = closest(name, Object.keys(specs));
      return `unknown option ${quoted} for ${command.name}${hint ? ` (did you mean --${hint}?)` : ''}; allowed: ${allowed}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return specs[name]?.type === 'boolean'
        ? `--${name} takes no value`
        : `--${name} needs a value (${specs[name]?.value ?? 'a value'}), e.g. ${flag(name, specs[name] ?? { type: 'string', value: 'VALUE' })}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': {
      const arg = /'([^']*)'/.exec(error.message)?.[1] ?? '';
      return `unexpected argument ${JSON.stringify(arg)} for ${command.name}; options start with --, see activation-lab ${command.name} --help`;
    }
    default:
      return error.message.split('\n')[0];
  }
}

function progressBar(stream) {
  let last = -1;
  return (done, total) => {
    const pct = Math.floor((100 * done) / total);
    if (pct === last) return;
    last = pct;
    const width = 30;
    const fill = Math.round((width * done) / total);
    stream.write(`\r[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${String(pct).padStart(3)}%`);
    if (done >= total) stream.write('\n');
  };
}

function version() {
  return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
}

/**
 * Runs the command line. `out` gets the result, `err` the progress bar
 * (drawn when err.isTTY, or with --progress). Resolves to the exit code;
 * rejects with a RangeError/TypeError for bad input.
 */
export async function main(argv, out = process.stdout, err = process.stderr) {
  const { command, values, help, version: wantVersion } = parseCommandLine(argv);
  if (wantVersion) {
    out.write(`${version()}\n`);
    return 0;
  }
  if (help) {
    out.write(`${command ? experimentHelp(command) : usage()}\n`);
    return 0;
  }
  const lab = await loadLab();
  const drawProgress = values.progress === true || (values['no-progress'] !== true && err.isTTY === true);
  const { result, text, rows } = command.run(lab, values, drawProgress ? progressBar(err) : undefined);
  if (values.json) out.write(`${JSON.stringify(result, null, 1)}\n`);
  else if (values.csv) out.write(toCsv(rows));
  else out.write(text);
  return 0;
}

// Run when this file is the program, also through npm's .bin symlink
// (node_modules/.bin/activation-lab -> ../activation-lab/bin/activation-lab.js).
function invokedDirectly() {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  // `activation-lab ... | head` closes the pipe early: stop quietly.
  process.stdout.on('error', (error) => { if (error.code === 'EPIPE') process.exit(0); else throw error; });
  main(process.argv.slice(2)).then(
    // exitCode, not exit(): a piped stdout is written asynchronously, and
    // process.exit() would cut a long --json output short.
    (code) => { process.exitCode = code; },
    (error) => {
      process.stderr.write(`activation-lab: ${String(error.message).split('\n')[0]}\n`);
      process.exitCode = error instanceof RangeError || error instanceof TypeError ? 2 : 1;
    },
  );
}
