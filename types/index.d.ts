// Type declarations of `activation-lab` (the JS library over the WebAssembly
// module). Hand-written beside web/lib/*.js: tests/node/types.test.mjs checks
// that every runtime export and public method is declared here, and the
// consumer test compiles a TypeScript program against this file with
// `tsc --noEmit --strict`. The same API runs in Node and in browsers.
// Networks and GCNs are disposable (`using net = lab.createNetwork(…)`):
// Symbol.dispose comes from this lib, so a consumer's own `lib` need not list it.
/// <reference lib="esnext.disposable" />

// ---------------------------------------------------------------- catalogue

/** An activation of the catalogue (lab.activations lists them, in registry order). */
export type ActivationName =
  | 'identity' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'prelu' | 'rrelu' | 'elu' | 'selu'
  | 'gelu' | 'silu' | 'softplus' | 'softsign' | 'mish' | 'step'
  | (string & {});

/** Parameters a kernel call may carry; only those the activation declares are accepted. */
export interface ActivationParams {
  /** leaky_relu, prelu, elu: the negative slope / scale. */
  alpha?: number;
  /** rrelu: the divisor a ~ U(lower, upper) (defaults 3 and 8). */
  lower?: number;
  upper?: number;
  /** rrelu: draw a per element (training) instead of (lower + upper) / 2. */
  training?: boolean;
  /** rrelu in training: the seed of the draws. */
  seed?: number;
}

/** Properties measured by the library from its own kernels. */
export interface ActivationProperties {
  nonlinear: boolean;
  differentiable: boolean;
  /** Points where f is not differentiable, e.g. [0]. */
  nonDifferentiableAt: number[];
  monotonic: boolean;
  /** f(0) = 0 and f'(0−) = f'(0+) = 1. */
  identityNearOrigin: boolean;
  valueAtZero: number;
  slopeLeftOfZero: number;
  slopeRightOfZero: number;
  boundedBelow: boolean;
  boundedAbove: boolean;
  lowerBound: number | null;
  upperBound: number | null;
  zeroCentred: boolean;
  meanOnStandardNormal: number;
  /** Points where f jumps (step: [0]). */
  discontinuousAt: number[];
  /** Where the asymptotically flat tails of a smooth activation start (|f'| < 5 % of max|f'|): z below / above it; null when f has no such tail on that side. */
  saturatesBelow: number | null;
  saturatesAbove: number | null;
  /** f'(z) = 0 exactly for all z below 0 / above 0 (relu: inactiveBelow). */
  inactiveBelow: boolean;
  inactiveAbove: boolean;
}

/** One catalogue entry. */
export interface ActivationInfo {
  readonly name: ActivationName;
  readonly label: string;
  readonly formula: string;
  readonly derivativeFormula: string;
  /** The formula as TeX. */
  readonly tex: string;
  /** The kernel's algorithm and unroll, e.g. 'rr2_p5_div_u24'. */
  readonly variant: string;
  /** Default parameter values, e.g. { alpha: 0.01 }. */
  readonly params: Readonly<Record<string, number>>;
  /** Allowed [min, max] per parameter. */
  readonly paramRanges: Readonly<Record<string, readonly [number, number]>>;
  readonly properties: Readonly<ActivationProperties>;
}

// ---------------------------------------------------------------- kernels

/** A Float32Array inside the WebAssembly heap, from lab.createBuffer(length) (a type only: not exported at run time). */
export interface HeapBuffer {
  /** Number of floats. */
  readonly length: number;
  size(): number;
  /** A Float32Array over the buffer (no copy). Take it again after any other lab call: heap growth detaches old views. */
  view(): Float32Array;
  /** Frees the buffer; later use throws. Safe to call twice. */
  delete(): void;
}

/** A kernel validated once, from lab.kernel(name, params), for repeated calls on heap buffers. */
export interface PreparedKernel {
  readonly name: ActivationName;
  readonly params: Readonly<{ id: number; alpha: number; lower: number; upper: number; training: boolean; seed: number }>;
  /** f(input) into output (equal lengths). */
  forwardInto(input: HeapBuffer, output: HeapBuffer): void;
  /** f'(input) into output (equal lengths). */
  derivativeInto(input: HeapBuffer, output: HeapBuffer): void;
}

// ---------------------------------------------------------------- data

export type DatasetName = 'circle' | 'xor' | 'gauss' | 'spiral' | 'moons' | 'spiral_k' | 'plane' | 'sine' | 'multi_gauss'
  /** Glorot & Bengio's Shapeset-3×2: size × size grey images (size 8..32, default 32), 9 classes. */
  | 'shapeset';

export interface DatasetOptions {
  /** Number of samples, integer in [4, 100000]. */
  n?: number;
  /** Noise in [0, 1]. */
  noise?: number;
  seed?: number;
  /** Share of samples used for training, in [0.05, 0.95]; the rest is the test set. */
  trainFraction?: number;
  /** spiral_k: number of arms (classes), integer in [2, 8]. */
  classes?: number;
  /** shapeset: image side in pixels, integer in [8, 32]. */
  size?: number;
}

/** A generated dataset; x is row-major (n × inputs). Fits net.setData() as is. */
export interface Dataset {
  name: DatasetName;
  x: Float32Array;
  y: Float32Array;
  testX: Float32Array;
  testY: Float32Array;
  inputs: number;
  classes: number;
}

/** What net.setData() takes: Float32Arrays, x row-major (n × inputs). */
export interface TrainingData {
  x: Float32Array;
  y: Float32Array;
  inputs?: number;
  testX?: Float32Array;
  testY?: Float32Array;
  classes?: number;
  name?: string;
}

// ---------------------------------------------------------------- networks

export type Init = 'uniform' | 'standard' | 'xavier' | 'he' | 'lecun' | 'rai';
export type Optimizer = 'sgd' | 'momentum' | 'adam';
export type OutputHead = 'sigmoid' | 'softmax' | 'linear' | 'tanh';

/** lab.createNetwork(config): every field but `inputs` is optional (README: defaults and ranges). */
export interface NetworkConfig {
  /** Integer in [1, 1024]. */
  inputs: number;
  /** 0..64 widths, each in [1, 1024] (5,242,880 parameters at most). Default [4, 2]. */
  hidden?: number[];
  /** One name for all hidden layers, or one per layer. Default 'tanh'. */
  activation?: ActivationName | ActivationName[];
  /** For all layers, or one object per layer. */
  activationParams?: Pick<ActivationParams, 'alpha' | 'lower' | 'upper'> | Pick<ActivationParams, 'alpha' | 'lower' | 'upper'>[];
  output?: OutputHead;
  /** softmax only: integer in [2, 16]. */
  classes?: number;
  init?: Init;
  /** Number in [-10, 10]. */
  biasInit?: number;
  /** Number in [0, 100]: multiplies the scale of any init (1 keeps the draws bit for bit). */
  initGain?: number;
  optimizer?: Optimizer;
  /** Number in [0, 100]. */
  learningRate?: number;
  momentum?: number;
  nesterov?: boolean;
  /** Integer in [1, 1024]. */
  batchSize?: number;
  /** Weight decay in [0, 1]. */
  l2?: number;
  /** Global gradient-norm clip in [0, 1e6]; 0 = off. */
  clip?: number;
  preluShared?: boolean;
  /** Integer in [0, 4294967295]. */
  seed?: number;
}

/** net.config: the full config, every field explicit and per layer. */
export interface ResolvedNetworkConfig {
  inputs: number;
  hidden: number[];
  activation: ActivationName[];
  activationParams: Pick<ActivationParams, 'alpha' | 'lower' | 'upper'>[];
  output: OutputHead;
  classes: number;
  init: Init;
  initGain: number;
  biasInit: number;
  optimizer: Optimizer;
  learningRate: number;
  momentum: number;
  nesterov: boolean;
  batchSize: number;
  l2: number;
  clip: number;
  preluShared: boolean;
  seed: number;
  [field: string]: unknown;
}

/** Diagnostics of one hidden layer over the diagnostics set. */
export interface LayerReport {
  preMean: number;
  preStd: number;
  actMean: number;
  actStd: number;
  /** Share of (unit, sample) pairs with |f'(z)| < 0.05 · max|f'|. */
  saturatedFraction: number;
  /** Share of units whose f'(z) is 0 on every sample. */
  deadFraction: number;
  deadUnits: number[];
  /** Live units saturated on ≥ 90 % of samples. */
  saturatedUnits: number[];
  /** Share of (unit, sample) pairs with f'(z) = 0 outside a saturating tail (a rectifier's flat side). */
  inactiveFraction: number;
  /** Activation percentiles [p2, p50, p98]. */
  actPercentiles: [number, number, number];
  meanAbsDerivative: number;
  /** Weight-gradient norm of the last step. */
  gradNorm: number;
  /** PReLU's learned alpha, else null. */
  alpha: { mean: number; min: number; max: number; values: number[] } | null;
  /** Pre-activation histogram over [min, max]. */
  histogram: { min: number; max: number; counts: number[] };
}

/** A unit that died or revived since the last report. */
export interface UnitEvent {
  step: number;
  layer: number;
  unit: number;
  kind: 'died' | 'revived';
  learningRate: number;
  /** Where the unit last fired: the mean input of those samples and their share. */
  region: { center: number[]; share: number } | null;
}

/** net.train(steps) and net.train(steps, { report: true }). */
export interface Report {
  step: number;
  learningRate: number;
  batchLoss: number | null;
  trainLoss: number | null;
  testLoss: number | null;
  trainAccuracy: number | null;
  testAccuracy: number | null;
  diverged: boolean;
  divergedAtStep: number | null;
  layers: LayerReport[];
  /** First layer's gradient norm / last layer's. */
  gradNormRatio: number | null;
  events: UnitEvent[];
}

/** net.train(steps, { report: false }): the fast path, no diagnostics. */
export interface CompactReport {
  step: number;
  learningRate: number;
  batchLoss: number | null;
  diverged: boolean;
  divergedAtStep: number | null;
}

export interface Evaluation {
  trainLoss: number | null;
  testLoss: number | null;
  trainAccuracy: number | null;
  testAccuracy: number | null;
}

/** One tensor of the parameter block. */
/** net.unitStats(): one value per hidden unit for each share (they sum to 1 per unit). */
export interface UnitStats {
  active: Float32Array;
  inactive: Float32Array;
  saturated: Float32Array;
  /** `bins` pre-activation counts per unit over [-6, 6). */
  histogram: Float32Array;
  bins: number;
}

export interface TensorInfo {
  /** e.g. 'hidden0.weight' (shape (out, in)), 'hidden0.bias', 'hidden0.alpha', 'output.weight'. */
  name: string;
  offset: number;
  shape: number[];
}

/** net.toJSON(): lab.loadNetwork() restores it exactly. */
export interface NetworkJSON {
  format: 'activation-lab/network';
  version: number;
  config: ResolvedNetworkConfig;
  step: number;
  weights: number[];
}

/** A trained MLP (C++ behind Embind). Free it with delete() or `using`. */
export declare class Network {
  private constructor();
  setData(data: TrainingData): void;
  train(steps: number, options: { report: false }): CompactReport;
  train(steps: number, options?: { report?: true }): Report;
  train(steps: number, options: { report: boolean }): Report | CompactReport;
  evaluate(): Evaluation;
  /** Head outputs for x (n × inputs, row-major): n × outputs. */
  predict(x: Float32Array): Float32Array;
  /** Outputs on a resolution² grid of a 2-input network; row 0 is y = yMin. */
  predictGrid(xMin: number, xMax: number, yMin: number, yMax: number, resolution: number): Float32Array;
  /**
   * Every hidden unit's activation f(z), evaluation mode, on the predictGrid grid:
   * one array ordered [hidden layer][unit][pixel] (resolution² pixels per unit).
   */
  unitGrid(xMin: number, xMax: number, yMin: number, yMax: number, resolution: number): Float32Array;
  /** Per hidden unit ([layer][unit] order) over the diagnostics set: shares and pre-activation histograms. */
  unitStats(): UnitStats;
  /** The whole training state as bytes (weights, optimizer, step, order, dead-unit memory). */
  saveState(): Uint8Array;
  /** Restores saveState() bytes; { exact: false } forks into a network with other hidden activations. */
  restoreState(bytes: Uint8Array, options?: { exact?: boolean } | null): void;
  setLearningRate(lr: number): void;
  readonly learningRate: number;
  /** Number of updates done so far. */
  readonly step: number;
  getWeights(): Float32Array;
  setWeights(weights: Float32Array): void;
  /** The parameter block itself (no copy); invalid after the next heap growth. */
  weightsView(): Float32Array;
  readonly layout: readonly TensorInfo[];
  readonly config: ResolvedNetworkConfig;
  toJSON(): NetworkJSON;
  reset(): void;
  delete(): void;
  [Symbol.dispose](): void;
}

export interface BornDeadOptions {
  width?: number;
  depth?: number;
  init?: Init;
  biasInit?: number;
  trials?: number;
  seed?: number;
}

export interface BornDeadResult {
  /** dead / trials. */
  probability: number;
  dead: number;
  trials: number;
}

// ---------------------------------------------------------------- graphs

export type GraphName = 'karate' | 'two_communities' | 'ring' | 'grid';

export interface GraphOptions {
  /** two_communities, ring: number of nodes. */
  n?: number;
  /** two_communities: edge probabilities inside and across the communities. */
  pIn?: number;
  pOut?: number;
  seed?: number;
  /** grid. */
  rows?: number;
  cols?: number;
}

/** A graph as the graph API takes it. */
export interface Graph {
  nodes: number;
  /** [u0, v0, u1, v1, ...] or [[u, v], ...]; undirected. */
  edges: Int32Array | number[] | Array<[number, number]>;
  /** One class per node, -1 for unknown (needed for training). */
  labels?: Int32Array | number[] | null;
  name?: string;
  classes?: number;
  classNames?: string[];
  comment?: string;
  /** nodes × featureCount, row-major; one-hot node ids by default. */
  features?: Float32Array;
  featureCount?: number;
}

/** lab.graph(name): every field filled. */
export interface NamedGraph extends Graph {
  name: string;
  edges: Int32Array;
  labels: Int32Array;
  classes: number;
  classNames: string[];
  comment: string;
}

export interface GraphFourier {
  /** The Laplacian's eigenvalues, ascending (n). */
  eigenvalues: Float32Array;
  /** n · n, row k = unit eigenvector k. */
  eigenvectors: Float32Array;
  /** Eigenvector k (a view into eigenvectors); k must be an integer in [0, n − 1] (else a RangeError). */
  vector(k: number): Float32Array;
}

export interface GraphFilterOptions {
  kind?: 'heat' | 'low_pass' | 'chebyshev' | 'heat_chebyshev';
  /** heat, heat_chebyshev: diffusion time. */
  t?: number;
  /** low_pass: how many of the lowest frequencies pass. */
  keep?: number;
  /** chebyshev: the polynomial's coefficients. */
  coefficients?: number[];
  /** heat_chebyshev: the polynomial's degree. */
  order?: number;
}

export interface GraphFilterResult {
  output: Float32Array;
  inputSpectrum: Float32Array;
  outputSpectrum: Float32Array;
  response: Float32Array;
  coefficients: Float32Array;
  lambdaMax: number;
}

/** lab.createGcn(config) (docs/graph.md: defaults and ranges). */
export interface GcnConfig {
  layer?: 'gcn' | 'chebyshev';
  /** Chebyshev degree K in [1, 10]. */
  order?: number;
  hidden?: number[];
  activation?: ActivationName | ActivationName[];
  activationParams?: NetworkConfig['activationParams'];
  classes?: number;
  init?: Init;
  optimizer?: Optimizer;
  learningRate?: number;
  momentum?: number;
  weightDecay?: number;
  /** Chebyshev λmax in [0, 2]; 0 = estimated from the graph. */
  lambdaMax?: number;
  seed?: number;
}

export interface ResolvedGcnConfig extends Required<Omit<GcnConfig, 'activation' | 'activationParams'>> {
  activation: ActivationName[];
  activationParams: Pick<ActivationParams, 'alpha' | 'lower' | 'upper'>[];
}

export interface GcnReport {
  step: number;
  learningRate: number;
  loss: number | null;
  /** On every node with a label. */
  accuracy: number;
  /** On the labelled nodes training sees. */
  trainAccuracy: number;
  /** On the other labelled nodes. */
  testAccuracy: number | null;
  diverged: boolean;
  /** Per hidden layer (empty with { report: false }). */
  layers: LayerReport[];
}

/** Semi-supervised node classifier of stacked graph convolutions. Free it with delete() or `using`. */
export declare class GcnModel {
  private constructor();
  setGraph(graph: Graph, options: { labelled: Int32Array | number[] }): void;
  train(steps: number, options?: { report?: boolean }): GcnReport;
  evaluate(): GcnReport;
  /** Class probabilities (nodes × classes). */
  predict(): Float32Array;
  /** The predicted class of every node. */
  predictions(): Int32Array;
  /** 2-D node embedding (nodes × 2). */
  embedding(): Float32Array;
  /** Activations of hidden layer `layer` (nodes × width). */
  hiddenOutput(layer: number): Float32Array;
  setLearningRate(lr: number): void;
  readonly learningRate: number;
  readonly step: number;
  readonly config: ResolvedGcnConfig;
  readonly layout: readonly TensorInfo[];
  getWeights(): Float32Array;
  setWeights(weights: Float32Array): void;
  reset(): void;
  delete(): void;
  [Symbol.dispose](): void;
}

// ---------------------------------------------------------------- lessons

/** Text in the page's two languages. */
export interface LocalizedText {
  en: string;
  zh: string;
}

/** A lesson (issue 10, web/lib/lessons.js): one of the seed's claims, checked by a seeded measurement (docs/lessons.md). */
export interface LessonDefinition {
  readonly id: string;
  readonly title: LocalizedText;
  readonly claim: LocalizedText;
  /** What the lesson's chart shows. */
  readonly effect?: LocalizedText;
  readonly chartTitle?: LocalizedText;
  /** What "run it yourself" loads in the page. */
  readonly preset?: Readonly<Record<string, unknown>>;
  readonly [field: string]: unknown;
}

/** The data of a lesson's chart. */
export interface LessonChart {
  kind: string;
  x?: Array<string | number>;
  xLabel?: string;
  yLabel?: string;
  series?: Array<{ name: string; values: Array<number | null> }>;
  [field: string]: unknown;
}

/** lab.runLesson(id): whether the claim holds, and what was measured. */
export interface LessonResult {
  id: string;
  /** The claim in English (the definition has both languages). */
  claim: string;
  holds: boolean;
  measured: Record<string, unknown>;
  chart?: LessonChart;
  /** Run time in milliseconds. */
  ms?: number;
}

export type LessonProgress = (done: number, total: number, result: LessonResult) => void;

/** lab.runLesson(id, options): the saturation lesson's preset, to run it at another scale. */
export interface LessonOptions {
  preset?: typeof SATURATION_LESSON;
}

/** Every lesson, in the seed's order. */
export declare const LESSONS: readonly LessonDefinition[];
export declare const LESSON_IDS: readonly string[];
/** The Glorot & Bengio preset of the saturation lesson. */
export declare const SATURATION_LESSON: Readonly<{
  dataset: { name: DatasetName; options: DatasetOptions };
  network: NetworkConfig;
  steps: number;
  every: number;
  variants: ReadonlyArray<Partial<NetworkConfig>>;
}>;
/** The definition of lesson `id`; throws a RangeError naming the allowed ids. */
export declare function lessonDefinition(id: string): LessonDefinition;
/** Runs lesson `id` from its seed. Only 'saturation' takes an option: { preset } (SATURATION_LESSON's shape). */
export declare function runLesson(lab: Lab, id: string, options?: LessonOptions | null): LessonResult;
export declare function runLessons(lab: Lab, options?: { onProgress?: LessonProgress } | null): LessonResult[];

// ---------------------------------------------------------------- the lab

export interface LoadOptions {
  /** false loads the build without WebAssembly SIMD (default true). */
  simd?: boolean;
}

/** The library over one WebAssembly module instance: await loadLab(). */
/**
 * One field of a config table in lab.schema (the C++ tables of
 * cpp/api/config_schema.cpp, which validate every config). `type`:
 *   integer           an integer in [min, max]
 *   number            a finite number in [min, max], or [min, max) when maxExclusive
 *   boolean           true or false
 *   enum              one of `values`
 *   integer[]         an array of at most maxLength integers, each in [min, max]
 *   activation        an activation name (`values`: the catalogue), or an array of one name per hidden layer
 *   activationParams  { alpha?, lower?, upper? } for every hidden layer, or an array of one such object per layer;
 *                     each key a parameter of the layer's activation, within lab.activation(name).paramRanges
 * `default` is absent when `required` is true.
 */
export interface SchemaField {
  readonly name: string;
  readonly type: 'integer' | 'number' | 'boolean' | 'enum' | 'integer[]' | 'activation' | 'activationParams';
  readonly default?: number | boolean | string | readonly number[] | Readonly<Record<string, never>>;
  readonly doc: string;
  readonly required?: true;
  readonly min?: number;
  readonly max?: number;
  readonly maxExclusive?: true;
  readonly values?: readonly string[];
  readonly maxLength?: number;
}

/** A config's declared fields, in the order they are validated. */
export interface SchemaTable {
  readonly fields: readonly SchemaField[];
}

/** lab.schema: every config's field table, frozen. */
export interface ConfigSchema {
  /** lab.createNetwork(config) */
  readonly network: SchemaTable;
  /** net.train(steps, options) and model.train(steps, options) */
  readonly train: SchemaTable;
  /** lab.dataset(name, options); `names` lists the generators */
  readonly dataset: SchemaTable & { readonly names: readonly string[] };
  /** lab.createGcn(config) */
  readonly gcn: SchemaTable;
  /** lab.bornDead(options) */
  readonly bornDead: SchemaTable;
}

export declare class Lab {
  /** @internal Use loadLab(). */
  constructor(module: object);
  /** The catalogue, in registry order. */
  readonly activations: readonly ActivationInfo[];
  /** The field tables of every config (name, type, range or values, default, doc), from C++. */
  readonly schema: ConfigSchema;
  /** True when the module was compiled with WebAssembly SIMD. */
  readonly simd: boolean;
  activation(name: string): ActivationInfo | undefined;
  /** f(x) for every element; a new array (x is untouched). */
  forward(name: ActivationName, x: Float32Array, params?: ActivationParams | null): Float32Array;
  /** f'(x) for every element; a new array (x is untouched). */
  derivative(name: ActivationName, x: Float32Array, params?: ActivationParams | null): Float32Array;
  createBuffer(length: number): HeapBuffer;
  kernel(name: ActivationName, params?: ActivationParams | null): PreparedKernel;
  forwardInto(name: ActivationName, input: HeapBuffer, output: HeapBuffer, params?: ActivationParams | null): void;
  derivativeInto(name: ActivationName, input: HeapBuffer, output: HeapBuffer, params?: ActivationParams | null): void;
  createNetwork(config: NetworkConfig): Network;
  /** A network from net.toJSON() output (the object or its JSON text). */
  loadNetwork(json: NetworkJSON | string): Network;
  dataset(name: DatasetName, options?: DatasetOptions | null): Dataset;
  /** Monte Carlo estimate that a ReLU net with 1-D input is born dead. */
  bornDead(options?: BornDeadOptions | null): BornDeadResult;
  graph(name: GraphName, options?: GraphOptions | null): NamedGraph;
  createGcn(config?: GcnConfig | null): GcnModel;
  graphFourier(graph: Graph, options?: { laplacian?: 'normalized' | 'combinatorial' } | null): GraphFourier;
  graphFilter(graph: Graph, signal: Float32Array, options?: GraphFilterOptions | null): GraphFilterResult;
  /** The lesson definitions (issue 10). */
  readonly lessons: readonly LessonDefinition[];
  /** Runs one lesson's measurement (issue 10). */
  runLesson(id: string, options?: LessonOptions | null): LessonResult;
  /** Every lesson in order (issue 10). */
  runLessons(options?: { onProgress?: LessonProgress } | null): LessonResult[];
  /** The underlying Embind module, for benchmarks and tests. */
  readonly module: object;
}

/** Loads the WebAssembly module (in Node from disk, in browsers through the bundler) and returns a Lab. */
export declare function loadLab(options?: LoadOptions): Promise<Lab>;

// ---------------------------------------------------------------- experiments

export interface TrainingPreset {
  readonly id: 'saturation' | 'dying-relu' | (string & {});
  readonly dataset: { readonly name: DatasetName; readonly options: DatasetOptions };
  readonly network: Readonly<NetworkConfig>;
  /** Per variant, merged over `network`. */
  readonly variants: ReadonlyArray<Partial<NetworkConfig>>;
  /** Steps, when there is no schedule. */
  readonly steps?: number;
  /** [steps, learning rate] phases. */
  readonly schedule?: ReadonlyArray<readonly [number, number]>;
  readonly reportEvery: number;
}

export interface BornDeadPreset {
  readonly id: 'born-dead' | (string & {});
  readonly depths: readonly number[];
  readonly widths: readonly number[];
  readonly inits: readonly Init[];
  readonly trials: number;
  readonly seed: number;
}

export interface TrainingExperimentResult {
  id: string;
  dataset: TrainingPreset['dataset'];
  network: TrainingPreset['network'];
  variants: Array<{ activation: ActivationName | ActivationName[]; init: Init | undefined; history: Report[]; final: Report }>;
}

export interface BornDeadTable {
  id: string;
  rows: Array<{ init: Init; depth: number; width: number } & BornDeadResult>;
}

export type ProgressCallback = (done: number, total: number) => void;

export declare const SATURATION: TrainingPreset;
export declare const DYING_RELU: TrainingPreset;
export declare const BORN_DEAD: BornDeadPreset;
export declare const EXPERIMENTS: Readonly<{ saturation: TrainingPreset; 'dying-relu': TrainingPreset; 'born-dead': BornDeadPreset }>;

/** Trains every variant of a preset from the same seed and data. */
export declare function runTrainingExperiment(lab: Lab, preset: TrainingPreset,
  options?: { onProgress?: ProgressCallback; overrides?: Partial<NetworkConfig> }): TrainingExperimentResult;

/** The born-dead table over the preset's depths × widths × inits. */
export declare function runBornDead(lab: Lab, preset?: BornDeadPreset, options?: { onProgress?: ProgressCallback }): BornDeadTable;

export interface GcnPreset {
  readonly id: 'gcn' | (string & {});
  readonly graph: GraphName;
  readonly labelled: readonly number[];
  readonly config: Readonly<GcnConfig>;
  readonly activations: readonly ActivationName[];
  readonly steps: number;
  readonly every: number;
}

export interface GcnExperimentResult {
  id: string;
  graph: GraphName;
  nodes: number;
  labelled: number[];
  variants: Array<{ activation: ActivationName; config: ResolvedGcnConfig; history: GcnReport[]; final: GcnReport; predictions: number[] }>;
}

/** Karate club, one labelled member per faction, identity vs tanh, sigmoid, relu, leaky_relu. */
export declare const GCN_EXPERIMENT: GcnPreset;

export declare function runGcnExperiment(lab: Lab, preset?: GcnPreset,
  options?: { onProgress?: ProgressCallback; overrides?: Partial<GcnConfig>; steps?: number }): GcnExperimentResult;
