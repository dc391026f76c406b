// `npm run fuzz [-- --seconds N]`: builds the libFuzzer targets in cpp/fuzz/
// with clang (outside CMake: -fsanitize=fuzzer,address,undefined) and runs
// each for its share of N seconds (default 20 in total).
//   node scripts/fuzz.mjs [--seconds N] [--runs N] [--seed S] [--target load_network|config]
// `npm test` runs a reproducible slice (--runs 8000 --seed 1 per target, a
// 120 s cap); `npm run fuzz -- --seconds 600` explores freely.
// Seeds come from cpp/fuzz/corpus/<target>/ (read only). A free run keeps
// what it discovers in build/fuzz/corpus/<target>/; a slice (--runs) starts
// from the committed corpus alone in a fresh temporary folder, so it is the
// same run on every machine, and it fails if it stops before its run count
// (the time cap hit first: the slice did not do what it claims). A crash input is minimised
// and kept in cpp/fuzz/regressions/<target>/, where
// tests/native/fuzz_regression_test.cpp replays it in every ctest run.
// Prints the executions per target and TAP-style closing lines (# pass N,
// # fail N) and exits non-zero on any finding.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

import { root, warningsAreErrors } from './build.mjs';

export const FUZZ_TARGETS = ['load_network', 'config'];
// The sources of alab_core, as CMakeLists.txt globs them: every folder of
// cpp/ but the bindings (Emscripten only), benchmarks, tools and the fuzzers,
// plus the native JSON-text API (cpp/api/json).
const NOT_CORE = new Set(['bindings', 'bench', 'tools', 'fuzz']);
const SOURCE_DIRS = readdirSync(path.join(root, 'cpp'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !NOT_CORE.has(d.name))
  .map((d) => `cpp/${d.name}`)
  .concat(['cpp/api/json'])  // native-only JSON conversions (CMakeLists.txt: ALAB_NATIVE_JSON_SOURCES)
  .sort();
const SANITIZE = '-fsanitize=address,undefined';
// The warnings of the CMake builds (CMakeLists.txt: ALAB_WARNINGS); -Werror in CI.
const WARNINGS = ['-Wall', '-Wextra', ...(warningsAreErrors ? ['-Werror'] : [])];
const CXXFLAGS = ['-std=c++17', '-g', '-O1', '-ffp-contract=off', '-fno-omit-frame-pointer', ...WARNINGS, '-I', 'cpp'];
const CXX = process.env.ALAB_FUZZ_CXX ?? 'clang++';

const rel = (...p) => path.join(root, ...p);
const mtime = (f) => (existsSync(f) ? statSync(f).mtimeMs : 0);
const filesIn = (dir, pred = () => true) =>
  existsSync(rel(dir)) ? readdirSync(rel(dir)).filter(pred).sort().map((f) => path.join(dir, f)) : [];

// Newest header in `dirs`: a core header change rebuilds every object
// (simple and safe; the core compiles in well under a minute).
function newestHeader(dirs) {
  let newest = 0;
  for (const dir of dirs) {
    for (const f of filesIn(dir, (n) => n.endsWith('.h'))) newest = Math.max(newest, mtime(rel(f)));
  }
  return newest;
}

function compile(src, obj, extra) {
  execFileSync(CXX, [...CXXFLAGS, ...extra, '-c', src, '-o', obj], { cwd: root, stdio: 'inherit' });
}

/** Builds build/fuzz/<target>_fuzzer for every target; returns their paths. */
export function buildFuzzers() {
  mkdirSync(rel('build/fuzz/obj'), { recursive: true });
  // New flags (e.g. -Werror in CI) rebuild everything: they are an input too.
  const flagsFile = rel('build/fuzz/flags.json');
  const flags = JSON.stringify({ CXX, CXXFLAGS, SANITIZE });
  const sameFlags = existsSync(flagsFile) && readFileSync(flagsFile, 'utf8') === flags;
  const headers = sameFlags ? newestHeader(SOURCE_DIRS) : Date.now();
  const fuzzHeaders = newestHeader(['cpp/fuzz']);
  const objects = [];
  const sources = SOURCE_DIRS.flatMap((d) => filesIn(d, (n) => n.endsWith('.cpp')));
  // Library objects are instrumented for coverage, without libFuzzer's main.
  const work = [];
  for (const src of sources) {
    const obj = rel('build/fuzz/obj', `${src.replaceAll('/', '_')}.o`);
    objects.push(obj);
    if (mtime(obj) < Math.max(mtime(rel(src)), headers)) work.push([src, obj]);
  }
  if (work.length) console.log(`fuzz: compiling ${work.length} source files with ${CXX} (${SANITIZE}, fuzzer-no-link)`);
  for (const [src, obj] of work) compile(src, obj, [`${SANITIZE},fuzzer-no-link`]);
  const binaries = {};
  for (const target of FUZZ_TARGETS) {
    const src = `cpp/fuzz/${target}_fuzzer.cpp`;
    const bin = rel('build/fuzz', `${target}_fuzzer`);
    const newestInput = Math.max(mtime(rel(src)), headers, fuzzHeaders, ...objects.map(mtime));
    if (mtime(bin) < newestInput) {
      console.log(`fuzz: linking ${path.relative(root, bin)}`);
      execFileSync(CXX, [...CXXFLAGS, `${SANITIZE},fuzzer`, src, ...objects, '-o', bin], { cwd: root, stdio: 'inherit' });
    }
    binaries[target] = bin;
  }
  if (!sameFlags) writeFileSync(flagsFile, flags);   // only once everything was built with them
  return binaries;
}

export const FUZZ_ENV = {
  // A request bigger than memory is the API's RangeError, not a crash.
  ASAN_OPTIONS: 'allocator_may_return_null=1:detect_leaks=0:halt_on_error=1:abort_on_error=1',
  UBSAN_OPTIONS: 'halt_on_error=1:print_stacktrace=1',
};

function keepCrash(target, bin, artifact) {
  const dir = rel('cpp/fuzz/regressions', target);
  mkdirSync(dir, { recursive: true });
  const minimised = `${artifact}.min`;
  spawnSync(bin, ['-minimize_crash=1', '-runs=20000', `-exact_artifact_path=${minimised}`, artifact], { cwd: root, env: { ...process.env, ...FUZZ_ENV }, stdio: 'ignore' });
  const keep = existsSync(minimised) ? minimised : artifact;
  const dest = path.join(dir, path.basename(artifact));
  copyFileSync(keep, dest);
  return path.relative(root, dest);
}

/** Runs one target for `seconds`; returns { target, executions, crash, short }. */
export function runFuzzer(target, bin, seconds, { runs, seed } = {}) {
  const slice = runs !== undefined;
  const work = slice ? mkdtempSync(path.join(tmpdir(), `alab-fuzz-${target}-`)) : rel('build/fuzz/corpus', target);
  const artifacts = rel('build/fuzz/artifacts', target);
  mkdirSync(work, { recursive: true });
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  const seeds = rel('cpp/fuzz/corpus', target);
  const args = [
    `-max_total_time=${seconds}`, '-timeout=10', '-rss_limit_mb=2048', '-malloc_limit_mb=1024', '-max_len=4096',
    '-print_final_stats=1', `-artifact_prefix=${artifacts}/`, `-dict=${rel('cpp/fuzz/json.dict')}`,
  ];
  // A fixed seed and run count make the run reproducible (what npm test uses,
  // so CI cannot fail at random); without them libFuzzer explores freely.
  if (runs !== undefined) args.push(`-runs=${runs}`);
  if (seed !== undefined) args.push(`-seed=${seed}`);
  args.push(work, seeds);
  const r = spawnSync(bin, args, { cwd: root, env: { ...process.env, ...FUZZ_ENV }, encoding: 'utf8', maxBuffer: 1 << 28 });
  const text = `${r.stdout}${r.stderr}`;
  const executions = Number(text.match(/stat::number_of_executed_units:\s*(\d+)/)?.[1] ?? NaN);
  const crashes = readdirSync(artifacts);
  let crash = null;
  if (r.status !== 0 || crashes.length) {
    process.stderr.write(text.split('\n').slice(-80).join('\n'));
    crash = crashes.length ? keepCrash(target, bin, path.join(artifacts, crashes[0])) : `exit ${r.status}`;
  }
  const corpus = readdirSync(work).length;
  if (slice) rmSync(work, { recursive: true, force: true });
  // libFuzzer stops at -runs or at -max_total_time, whichever comes first
  const short = slice && !(executions >= runs) ? `stopped after ${executions} of ${runs} runs (the ${seconds} s cap came first)` : null;
  return { target, executions, seconds, crash, short, corpus };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const opt = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : dflt; };
  const seconds = Number(opt('--seconds', '20'));
  if (!(seconds >= 2)) { console.error(`--seconds must be a number >= 2; got ${opt('--seconds')}`); process.exit(2); }
  const runs = opt('--runs') === undefined ? undefined : Number(opt('--runs'));
  const seed = opt('--seed') === undefined ? undefined : Number(opt('--seed'));
  for (const [name, v] of [['--runs', runs], ['--seed', seed]]) {
    if (v !== undefined && !(Number.isInteger(v) && v >= 1)) { console.error(`${name} must be a positive integer; got ${opt(name)}`); process.exit(2); }
  }
  const only = opt('--target');
  const targets = only ? [only] : FUZZ_TARGETS;
  if (only && !FUZZ_TARGETS.includes(only)) { console.error(`--target must be one of ${FUZZ_TARGETS.join(', ')}`); process.exit(2); }
  if (spawnSync(CXX, ['--version'], { stdio: 'ignore' }).status !== 0) {
    console.error(`${CXX} not found: libFuzzer needs clang (apt-get install clang; npm run bootstrap installs it)`);
    process.exit(1);
  }
  const binaries = buildFuzzers();
  const each = Math.max(1, Math.floor(seconds / targets.length));
  const results = targets.map((t) => runFuzzer(t, binaries[t], each, { runs, seed }));
  for (const r of results) {
    console.log(`fuzz ${r.target}: ${r.executions} executions in at most ${r.seconds} s, corpus ${r.corpus} inputs, ${r.crash ? `CRASH kept as ${r.crash}` : 'no crash'}${r.short ? `; FAILED: ${r.short}` : ''}`);
  }
  const total = results.reduce((s, r) => s + r.executions, 0);
  const failed = results.filter((r) => r.crash || r.short || !(r.executions > 0));
  console.log(`fuzz total: ${total} executions, ${failed.length} failing target(s)`);
  // Closing lines in node --test's TAP form, so scripts/suites.mjs can count
  // this run as a suite (one test per target).
  console.log(`# pass ${results.length - failed.length}\n# fail ${failed.length}\n# skipped 0`);
  process.exit(failed.length ? 1 : 0);
}
