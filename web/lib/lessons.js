// The seed's claims as lessons: each one a seeded experiment on the lab's own
// kernels and trainer, with a measured verdict { id, claim, holds, measured }
// and the series its chart draws. One definition shared by the page, the
// command line and the tests (docs/lessons.md explains every choice).
// Runners take a Lab and return plain data; they know nothing of pages or
// terminals. All twelve together run in well under a minute on one core.

import { DYING_RELU, readRunOptions, runTrainingExperiment } from './experiments.js';

// Claims quoted from the seed (000_daa3eb10fdc4581f.txt), with an English
// rendering; the literature and the caveats are in docs/lessons.md.
const SEED = {
  nonlinearity: '如果MLP使用的是恒等激活函数,那么其实整个网络跟单层神经网络是等价的',
  differentiability: '当优化方法是基于梯度的时候,就体现了该性质',
  monotonicity: '当激活函数是单调的时候,单层网络能够保证是凸函数',
  identityNearZero: '如果参数的初始化是随机的较小值,那么神经网络的训练将会很高效;如果不满足这个性质,那么就需要详细地去设置初始值',
  outputRange: '当激活函数输出值是有限的时候,基于梯度的优化方法会更加稳定……当激活函数的输出是无限的时候,模型的训练会更加高效,不过在这种情况小,一般需要更小的Learning Rate',
  reluSpeed: '使用 ReLU得到的SGD的收敛速度会比 sigmoid/tanh 快',
  saturation: '输入较大或较小的时候,最后梯度会接近于0,最终导致网络学习困难',
  dying: '在参数更新以后,ReLU的神经元不会再有激活的功能,导致梯度永远都是零',
  prelu: '可以将它作为一个参数进行训练……该文章指出其不仅可以训练,而且效果特别好',
  rrelu: '在训练过程中,α是从一个高斯分布U(l,u)中随机出来的,然后再测试过程中进行修正',
};

/**
 * The Glorot & Bengio preset (see docs/lessons.md for why this scale). On
 * 16 × 16 images the lower layers find features sooner and the top layer
 * escapes saturation at step 12 500; on 8 × 8 only between 30 000 and 40 000,
 * beyond a test's budget. Tanh's layers saturate one after another only at 16 × 16.
 */
export const SATURATION_LESSON = Object.freeze({
  dataset: { name: 'shapeset', options: { n: 5000, size: 16, noise: 0, seed: 1, trainFraction: 0.8 } },
  network: { inputs: 256, hidden: [128, 128, 128, 128], init: 'standard', output: 'softmax', classes: 9, learningRate: 1, batchSize: 10, seed: 1 },
  steps: 18000,
  every: 1000,  // a report costs about as much as 400 training steps here
  early: { until: 500, every: 100 },  // denser reports while the top layer falls
  // Per-activation rates, as the paper tuned them. On 8 × 8 images tanh blows up
  // at rate 1 (loss 47 at step 550) and its loss climbs to 9 at 0.5; at 0.3 it trains.
  variants: [{ activation: 'sigmoid', learningRate: 1 }, { activation: 'tanh', learningRate: 0.3 }, { activation: 'softsign', learningRate: 0.3 }],
});

const lesson = (id, title, claim, fields) => Object.freeze({ id, title: Object.freeze(title), claim: Object.freeze(claim), ...fields });

/** The twelve lessons in the seed's order (ids exact). `preset` is what "run it yourself" loads. */
export const LESSONS = Object.freeze([
  lesson('nonlinearity', { en: 'Nonlinearity', zh: '非线性' }, {
    en: 'With the identity activation f(x) = x, a multi-layer network is equivalent to a single-layer one.',
    zh: SEED.nonlinearity,
  }, {
    chartTitle: { en: 'Test accuracy by depth: identity stays at chance, tanh learns the circle', zh: '各深度的测试准确率:恒等激活停在随机水平,tanh 学会圆形数据' },
    boundaryTitle: { en: 'Decision surfaces at depth 4: identity draws one straight line, tanh a closed curve', zh: '深度 4 的决策曲面:恒等激活只画出一条直线,tanh 画出闭合曲线' },
    effect: { en: 'Test accuracy on the circle by depth: identity stays near chance at every depth, tanh learns it. The identity network equals one linear map (its product matrix), so its boundary is a straight line.', zh: '圆形数据上各深度的测试准确率:恒等激活在任何深度都接近随机,tanh 能学会。恒等网络等于一个线性映射(权重矩阵之积),决策边界是一条直线。' },
    preset: { view: 'compare', dataset: 'circle', network: { inputs: 2, hidden: [8, 8, 8], learningRate: 0.03, batchSize: 10, seed: 1 }, variants: ['identity', 'tanh'] },
  }),
  lesson('differentiability', { en: 'Differentiability', zh: '可微性' }, {
    en: 'Differentiability: this property matters when the optimisation method is gradient-based.',
    zh: SEED.differentiability,
  }, {
    chartTitle: { en: 'Training loss: step units pass no gradient, sigmoid trains', zh: '训练损失:step 单元不传梯度,sigmoid 在训练' },
    effect: { en: 'Training loss over steps: step units (the perceptron\'s threshold) pass zero gradient, so the step network\'s hidden weights never move and only its output layer learns; sigmoid, the smooth step, trains every layer.', zh: '训练损失随步数变化:step 网络的隐藏层权重从不改变(梯度为零),只有输出层在学习;sigmoid 每一层都在训练。' },
    preset: { view: 'compare', dataset: 'circle', network: { inputs: 2, hidden: [8, 8], learningRate: 0.5, batchSize: 10, seed: 1 }, variants: ['step', 'sigmoid'] },
  }),
  lesson('monotonicity', { en: 'Monotonicity', zh: '单调性' }, {
    en: 'When the activation is monotonic, a single-layer network is guaranteed to be convex.',
    zh: SEED.monotonicity,
  }, {
    chartTitle: { en: 'Loss surface of one unit over (w, b): one basin (tanh) vs two minima (gelu)', zh: '单个神经元在 (w, b) 上的损失曲面:一个盆地(tanh)对两个极小(gelu)' },
    effect: { en: 'Loss of a one-unit model f(w·x + b) over (w, b), fitted to a teacher of the same form: monotonic tanh has one basin; non-monotonic gelu has a second, spurious minimum.', zh: '单个神经元 f(w·x + b) 的损失曲面(w, b):单调的 tanh 只有一个盆地;非单调的 gelu 有第二个(伪)局部极小。' },
    preset: { view: 'explore', fn: 'gelu' },
  }),
  lesson('identity-near-zero', { en: 'f(x) ≈ x near 0', zh: 'f(x)≈x' }, {
    en: 'With f(x) ≈ x near 0 and small random initial weights, training is efficient; otherwise the initial values must be set carefully.',
    zh: SEED.identityNearZero,
  }, {
    chartTitle: { en: 'Training accuracy from small weights: tanh races ahead of sigmoid', zh: '小初始权重下的训练准确率:tanh 远远领先 sigmoid' },
    effect: { en: 'Training accuracy over steps from small weights (initGain 0.25): tanh (f ≈ x near 0) reaches the target long before sigmoid (f(0) = ½, f′(0) = ¼).', zh: '从较小的初始权重(initGain 0.25)开始的训练准确率:tanh(0 附近 f≈x)远早于 sigmoid(f(0)=½,f′(0)=¼)达到目标。' },
    preset: { view: 'compare', dataset: 'xor', network: { inputs: 2, hidden: [8, 8, 8], initGain: 0.25, learningRate: 0.1, batchSize: 10, seed: 1 }, variants: ['tanh', 'sigmoid'] },
  }),
  lesson('output-range', { en: 'Range of the output', zh: '输出值的范围' }, {
    en: 'A bounded output makes gradient methods more stable; an unbounded one trains more efficiently but usually needs a smaller learning rate.',
    zh: SEED.outputRange,
  }, {
    chartTitle: { en: 'Final loss vs learning rate: bounded survive larger rates', zh: '最终损失与学习率:有界激活能承受更大的学习率' },
    effect: { en: 'Final training loss after 400 steps against the learning rate (12 rates, log-spaced, circle): unbounded relu and elu learn faster at small rates, bounded tanh, sigmoid and softsign survive larger ones.', zh: '400 步后的最终训练损失与学习率(12 个对数间隔的学习率,圆形数据):无界的 relu、elu 在小学习率下学得更快,有界的 tanh、sigmoid、softsign 能承受更大的学习率。' },
    preset: { view: 'compare', dataset: 'circle', network: { inputs: 2, hidden: [16, 16], init: 'xavier', batchSize: 10, seed: 1, learningRate: 1.87 }, variants: ['tanh', 'sigmoid', 'softsign', 'relu', 'elu'] },
  }),
  lesson('relu-speed', { en: 'ReLU converges faster', zh: 'ReLU 收敛更快' }, {
    en: 'With ReLU, SGD converges faster than with sigmoid/tanh.',
    zh: SEED.reluSpeed,
  }, {
    chartTitle: { en: 'Training loss over steps: relu reaches the target first', zh: '训练损失:relu 最先达到目标' },
    effect: { en: 'Krizhevsky et al. 2012 (Fig. 1) measured it on CIFAR-10. Here: training loss over steps, same network, data and seed: steps to reach the target loss for relu, tanh and sigmoid.', zh: '同一网络、数据和种子下的训练损失:relu、tanh、sigmoid 达到目标损失所需的步数。' },
    preset: { view: 'compare', dataset: 'spiral', network: { inputs: 2, hidden: [32, 32, 32], init: 'he', learningRate: 0.01, batchSize: 10, seed: 1 }, variants: ['relu', 'tanh', 'sigmoid'] },
  }),
  lesson('saturation', { en: 'Sigmoid saturation (Glorot & Bengio)', zh: 'Sigmoid 饱和(Glorot 与 Bengio)' }, {
    en: 'For large or small inputs the sigmoid\'s gradient is close to 0 (saturation), which makes deep networks hard to train.',
    zh: SEED.saturation,
  }, {
    chartTitle: { en: 'Mean activation ± std and 98th percentile per layer: the top sigmoid layer saturates at 0, then slowly desaturates', zh: '各层平均激活 ± 标准差与第 98 百分位:最高的 sigmoid 层先饱和于 0,之后慢慢脱离饱和' },
    effect: { en: 'Saturation, not only a small gradient: on Shapeset-3×2 (16 × 16 images) the top hidden layer of a 4-layer sigmoid network (standard init) falls to 0 and into its flat tail (saturated share > 50 %) within 100 steps while the lower layers stay near 0.5. It stays there for some 10 000 steps, then desaturates as the network starts to learn, while the first layer begins to saturate. From the same seed, tanh\'s layers reach their asymptote one after another from the bottom up (98th percentile ≥ 0.95); softsign\'s never do.', zh: '这是饱和,不只是梯度小:在 Shapeset-3×2(16 × 16 图像)上,4 层 sigmoid 网络(standard 初始化)的最高隐藏层在 100 步内降到 0、落入平坦尾部(饱和比例 > 50%),较低的层保持在 0.5 附近。它在那里停留约 10000 步,随后网络开始学习,它慢慢脱离饱和,而第一层开始饱和。同一种子下,tanh 的各层自下而上一层接一层地接近渐近线(第 98 百分位 ≥ 0.95);softsign 的层始终没有。' },
    preset: { view: 'trainer', dataset: SATURATION_LESSON.dataset.name, datasetOptions: SATURATION_LESSON.dataset.options, network: { ...SATURATION_LESSON.network, activation: 'sigmoid' } },
  }),
  lesson('large-init', { en: 'Weights too large', zh: '权重过大' }, {
    en: 'For large or small inputs the gradient ends up close to 0, which makes the network hard to train.',
    zh: SEED.saturation,
  }, {
    chartTitle: { en: 'Saturated share per layer at step 0: larger gain, more saturation', zh: '第 0 步各层饱和比例:增益越大,饱和越多' },
    effect: { en: 'The classic cause of saturation, weights too large. Saturated share and mean |f′| per layer at step 0 for initGain 1, 4 and 8 (xavier): saturation. Beside it a 16-layer sigmoid network at gain 1: gradient norms vanish towards the input with 0 % saturated, which is σ′ ≤ ¼, not saturation.', zh: 'initGain 为 1、4、8(xavier)时第 0 步各层的饱和比例与平均 |f′|:这是饱和。旁边是 16 层 sigmoid 网络(gain 1):梯度范数向输入层消失,但饱和比例为 0%——这是 σ′ ≤ ¼,不是饱和。' },
    preset: { view: 'trainer', dataset: 'circle', network: { inputs: 2, hidden: [32, 32, 32, 32], activation: 'tanh', init: 'xavier', initGain: 8, learningRate: 0.03, batchSize: 10, seed: 1 } },
  }),
  lesson('depth-init', { en: 'He vs Xavier at depth 30', zh: '30 层网络的 He 与 Xavier 初始化' }, {
    en: 'He et al. 2015, the paper the seed cites (Fig. 3): a 30-layer ReLU network converges with their initialisation and stalls with Xavier\'s.',
    zh: '《Delving Deep into Rectifiers》(原文引用的论文):30 层 ReLU 网络用其初始化可以收敛,用 Xavier 初始化则停滞',
  }, {
    source: 'paper',
    chartTitle: { en: 'Pre-activation std per layer at init: He keeps it, Xavier shrinks it', zh: '初始化时各层预激活标准差:He 保持,Xavier 缩小' },
    effect: { en: 'Pre-activation std per layer at initialisation (log scale): He keeps it, Xavier halves the second moment each layer. Then which of the two trains.', zh: '初始化时各层预激活的标准差(对数刻度):He 保持不变,Xavier 每层把二阶矩减半。然后看哪一个能训练。' },
    preset: { view: 'compare', dataset: 'circle', network: { inputs: 2, hidden: Array(30).fill(32), activation: 'relu', learningRate: 0.01, batchSize: 10, seed: 1 }, variants: [{ init: 'he' }, { init: 'xavier' }] },
  }),
  lesson('dying-relu', { en: 'Dying ReLU and its cures', zh: 'ReLU 神经元死亡及其对策' }, {
    en: 'After a large gradient update a ReLU neuron can stop activating for every input, and its gradient is then zero forever.',
    zh: SEED.dying,
  }, {
    chartTitle: { en: 'Dead share over training: relu dies at the spike, its variants do not', zh: '训练中的死亡比例:relu 在尖峰时死亡,其变体不会' },
    effect: { en: 'Dead share per layer after a learning-rate spike: relu loses whole layers; leaky_relu, prelu, rrelu and elu from the same seed lose none.', zh: '学习率尖峰之后各层的死亡比例:relu 整层死亡;同一种子的 leaky_relu、prelu、rrelu、elu 都没有死亡。' },
    preset: { view: 'compare', experiment: 'dying-relu' },
  }),
  lesson('prelu', { en: 'PReLU: the learned slope', zh: 'PReLU:学到的斜率' }, {
    en: 'α can be trained as a parameter (its derivative is known); the paper shows it not only trains but works especially well.',
    zh: SEED.prelu,
  }, {
    chartTitle: { en: 'Learned α per layer over training (SGD): larger in early layers', zh: '训练中各层学到的 α(SGD):前面的层更大' },
    effect: { en: 'He et al. report larger α in early layers than in deep ones. Mean learned α per layer over training (6 PReLU layers, start 0.25, plain SGD): it falls with depth. With momentum the order is lost.', zh: '训练中各层学到的平均 α(6 层 PReLU,初值 0.25,普通 SGD):随深度下降。用 momentum 时这个顺序消失。' },
    preset: { view: 'trainer', dataset: 'spiral', network: { inputs: 2, hidden: [16, 16, 16, 16, 16, 16], activation: 'prelu', init: 'he', optimizer: 'sgd', learningRate: 0.03, batchSize: 10, seed: 1 } },
  }),
  lesson('rrelu', { en: 'RReLU: random in training, fixed in evaluation', zh: 'RReLU:训练时随机,测试时固定' }, {
    en: 'During training α is drawn at random from U(l, u) and is then fixed at test time (the NDSB winner drew it from U(3, 8)).',
    zh: SEED.rrelu,
  }, {
    chartTitle: { en: 'rrelu slopes on x < 0: spread in training, one value in evaluation', zh: 'rrelu 在 x < 0 的斜率:训练时分散,评估时只有一个值' },
    effect: { en: 'Slope of rrelu on x < 0 per element: spread over [1/8, 1/3] in training mode, the single value 2/11 in evaluation mode.', zh: 'rrelu 在 x < 0 时每个元素的斜率:训练模式下分布在 [1/8, 1/3],评估模式下是唯一的值 2/11。' },
    preset: { view: 'explore', fn: 'rrelu' },
  }),
]);

const BY_ID = new Map(LESSONS.map((l) => [l.id, l]));

export const LESSON_IDS = Object.freeze(LESSONS.map((l) => l.id));

// ---------------------------------------------------------------- helpers

function withNet(lab, config, data, fn) {
  const net = lab.createNetwork(config);
  try {
    if (data) net.setData(data);
    return fn(net);
  } finally {
    net.delete();
  }
}

/** Reports every `every` steps up to `steps` (report 0 first). */
function trainHistory(net, steps, every) {
  const history = [net.train(0)];
  for (let done = 0; done < steps;) {
    const n = Math.min(every, steps - done);
    history.push(net.train(n));
    done += n;
    if (history.at(-1).diverged) break;
  }
  return history;
}

/** First step at which `metric(report)` meets `ok`, checking every `every` steps; null if never. */
function stepsTo(net, ok, maxSteps, every) {
  const trace = [];
  let r = net.train(0);
  trace.push(r);
  if (ok(r)) return { steps: 0, trace };
  for (let done = 0; done < maxSteps;) {
    const n = Math.min(every, maxSteps - done);
    net.train(n, { report: false });
    done += n;
    r = net.train(0);
    trace.push(r);
    if (r.diverged) return { steps: null, trace };
    if (ok(r)) return { steps: done, trace };
  }
  return { steps: null, trace };
}

const round = (v, digits = 4) => (v === null || v === undefined || !Number.isFinite(v) ? v : Number(v.toFixed(digits)));

function tensor(net, weights, name) {
  const t = net.layout.find((x) => x.name === name);
  const size = t.shape.reduce((a, b) => a * b, 1);
  return { shape: t.shape, data: weights.subarray(t.offset, t.offset + size) };
}

// ---------------------------------------------------------------- runners

function nonlinearity(lab) {
  const data = lab.dataset('circle', { n: 600, noise: 0.05, seed: 1 });
  const base = { inputs: 2, learningRate: 0.03, batchSize: 10, seed: 1 };
  const depths = [1, 2, 4];
  const steps = 1500;
  const identity = {}, tanh = {};
  const boundaries = [];
  const resolution = 41;
  let product = null, collapseError = 0;
  for (const depth of depths) {
    const hidden = Array(depth).fill(8);
    identity[depth] = withNet(lab, { ...base, hidden, activation: 'identity' }, data, (net) => {
      net.train(steps, { report: false });
      if (depth === depths.at(-1)) {
        // Multiply the layers out: the whole network is σ(w·x + b) for one (w, b).
        const w = net.getWeights();
        let M = [[1, 0], [0, 1]];
        let c = [0, 0];
        for (let l = 0; l <= depth; l++) {
          const name = l < depth ? `hidden${l}` : 'output';
          const W = tensor(net, w, `${name}.weight`), B = tensor(net, w, `${name}.bias`);
          const [out, inn] = W.shape;
          const M2 = [], c2 = [];
          for (let i = 0; i < out; i++) {
            M2.push([0, 0]);
            let s = B.data[i];
            for (let k = 0; k < inn; k++) {
              M2[i][0] += W.data[i * inn + k] * M[k][0];
              M2[i][1] += W.data[i * inn + k] * M[k][1];
              s += W.data[i * inn + k] * c[k];
            }
            c2.push(s);
          }
          M = M2;
          c = c2;
        }
        product = { w: [round(M[0][0]), round(M[0][1])], b: round(c[0]) };
        const p = net.predict(data.testX);
        for (let i = 0; i < data.testY.length; i++) {
          const z = M[0][0] * data.testX[2 * i] + M[0][1] * data.testX[2 * i + 1] + c[0];
          collapseError = Math.max(collapseError, Math.abs(p[i] - 1 / (1 + Math.exp(-z))));
        }
        // The product map's boundary w·x + b = 0 is drawn on the surface: it is the network's.
        boundaries.push({ name: `identity, ${depth} layers: the line w·x + b = 0 of the product map`, values: Array.from(net.predictGrid(-6, 6, -6, 6, resolution)),
          line: { w: [M[0][0], M[0][1]], b: c[0] } });
      }
      return net.evaluate().testAccuracy;
    });
    tanh[depth] = withNet(lab, { ...base, hidden, activation: 'tanh' }, data, (net) => {
      net.train(steps, { report: false });
      if (depth === depths.at(-1)) boundaries.push({ name: `tanh, ${depth} layers`, values: Array.from(net.predictGrid(-6, 6, -6, 6, resolution)) });
      return net.evaluate().testAccuracy;
    });
  }
  const measured = {
    steps,
    identityTestAccuracy: Object.fromEntries(depths.map((d) => [d, round(identity[d], 3)])),
    tanhTestAccuracy: Object.fromEntries(depths.map((d) => [d, round(tanh[d], 3)])),
    productMap: product,
    collapseError: Number(collapseError.toExponential(2)),
  };
  const holds = depths.every((d) => identity[d] < 0.7 && tanh[d] > 0.9) && collapseError < 1e-4;
  return {
    holds, measured,
    chart: { kind: 'bars', x: depths.map((d) => `${d}`), xLabel: 'hidden layers', yLabel: 'test accuracy',
      series: [{ name: 'identity', values: depths.map((d) => identity[d]) }, { name: 'tanh', values: depths.map((d) => tanh[d]) }],
      // The decision surfaces of the deepest pair over [-6, 6]², with the test points.
      boundaries: { range: [-6, 6], resolution, maps: boundaries,
        points: Array.from({ length: Math.min(200, data.testY.length) }, (_, i) => [data.testX[2 * i], data.testX[2 * i + 1], data.testY[i]]) } },
  };
}

function differentiability(lab) {
  // Circle: the step units keep their initial boundaries, lines through the
  // origin (biases start at 0), which cannot carve out a disc.
  const data = lab.dataset('circle', { n: 600, noise: 0, seed: 1 });
  const base = { inputs: 2, hidden: [8, 8], learningRate: 0.5, batchSize: 10, seed: 1 };
  const steps = 2000, every = 100;
  const run = (activation) => withNet(lab, { ...base, activation }, data, (net) => {
    const before = net.getWeights();
    const history = trainHistory(net, steps, every);
    const after = net.getWeights();
    const hiddenEnd = net.layout.find((t) => t.name === 'output.weight').offset;
    let moved = 0;
    for (let i = 0; i < hiddenEnd; i++) moved = Math.max(moved, Math.abs(after[i] - before[i]));
    const final = history.at(-1);
    return { history, moved, accuracy: final.testAccuracy, loss: final.trainLoss, gradNorms: final.layers.map((l) => l.gradNorm) };
  });
  const step = run('step'), sigmoid = run('sigmoid');
  const measured = {
    steps,
    stepHiddenWeightChange: step.moved,
    stepHiddenGradNorms: step.gradNorms,
    stepTestAccuracy: round(step.accuracy, 3),
    sigmoidHiddenWeightChange: round(sigmoid.moved, 3),
    sigmoidTestAccuracy: round(sigmoid.accuracy, 3),
    stepTrainLoss: round(step.loss), sigmoidTrainLoss: round(sigmoid.loss),
  };
  const holds = step.moved === 0 && step.gradNorms.every((g) => g === 0) && sigmoid.accuracy > 0.9 && sigmoid.accuracy > step.accuracy + 0.15;
  return {
    holds, measured,
    chart: { kind: 'lines', xLabel: 'step', yLabel: 'training loss', x: step.history.map((r) => r.step),
      series: [{ name: 'step', values: step.history.map((r) => r.trainLoss) }, { name: 'sigmoid', values: sigmoid.history.map((r) => r.trainLoss) }] },
  };
}

// Loss surface of ŷ = f(w x + b) on 1-D inputs, fitted by squared error to a
// teacher of the same form, computed with the lab's kernels.
function surface(lab, name, teacher, range, resolution) {
  const n = 61;
  const xs = Float32Array.from({ length: n }, (_, i) => -3 + (6 * i) / (n - 1));
  const ys = lab.forward(name, Float32Array.from(xs, (x) => teacher.w * x + teacher.b));
  const loss = (w, b) => {
    const y = lab.forward(name, Float32Array.from(xs, (x) => w * x + b));
    let s = 0;
    for (let i = 0; i < n; i++) s += (y[i] - ys[i]) ** 2;
    return s / n;
  };
  const at = (i) => range[0] + ((range[1] - range[0]) * i) / (resolution - 1);
  const grid = [];
  for (let j = 0; j < resolution; j++) for (let i = 0; i < resolution; i++) grid.push(loss(at(i), at(j)));
  // Local minima: grid candidates refined by gradient descent (central
  // differences), merged when they land within 0.05 of each other; a point on
  // a flat plateau that descent drives off the grid is not a minimum.
  const minima = [];
  for (let j = 1; j < resolution - 1; j++) {
    for (let i = 1; i < resolution - 1; i++) {
      const v = grid[j * resolution + i];
      let lowest = true;
      for (let dj = -1; dj <= 1 && lowest; dj++) for (let di = -1; di <= 1; di++) if ((di || dj) && grid[(j + dj) * resolution + i + di] < v) { lowest = false; break; }
      if (!lowest) continue;
      let w = at(i), b = at(j);
      const h = 1e-3;
      for (let it = 0, lr = 0.05; it < 600; it++) {
        const gw = (loss(w + h, b) - loss(w - h, b)) / (2 * h), gb = (loss(w, b + h) - loss(w, b - h)) / (2 * h);
        w -= lr * gw;
        b -= lr * gb;
      }
      const gw = (loss(w + h, b) - loss(w - h, b)) / (2 * h), gb = (loss(w, b + h) - loss(w, b - h)) / (2 * h);
      const inside = w > range[0] && w < range[1] && b > range[0] && b < range[1];
      if (!inside || Math.hypot(gw, gb) > 1e-3) continue;
      if (minima.some((m) => Math.hypot(m.w - w, m.b - b) < 0.05)) continue;
      minima.push({ w: round(w, 3), b: round(b, 3), loss: Number(loss(w, b).toExponential(3)) });
    }
  }
  minima.sort((a, c) => a.loss - c.loss);
  return { grid, minima };
}

function monotonicity(lab) {
  // The teacher f(x - 2): gelu's dip below 0 (its non-monotonic part) lets a
  // student with a small negative w match the teacher's near-zero left half.
  const teacher = { w: 1, b: -2 };
  const range = [-5, 5], resolution = 41;
  const tanh = surface(lab, 'tanh', teacher, range, resolution);
  const gelu = surface(lab, 'gelu', teacher, range, resolution);
  const measured = {
    teacher, loss: 'mean squared error over 61 inputs in [-3, 3]',
    tanhMinima: tanh.minima, geluMinima: gelu.minima,
    convexCase: 'sigmoid with binary cross-entropy (logistic regression) is convex in (w, b); monotonic tanh with squared error has one basin but is not convex (flat plateaus where it saturates)',
  };
  const holds = tanh.minima.length === 1 && gelu.minima.length >= 2;
  return {
    holds, measured,
    chart: { kind: 'heatmaps', range, resolution, xLabel: 'w', yLabel: 'b',
      maps: [{ name: 'tanh (monotonic)', values: tanh.grid, minima: tanh.minima }, { name: 'gelu (non-monotonic)', values: gelu.grid, minima: gelu.minima }] },
  };
}

function identityNearZero(lab) {
  const data = lab.dataset('xor', { n: 600, noise: 0, seed: 1 });
  const base = { inputs: 2, hidden: [8, 8, 8], initGain: 0.25, learningRate: 0.1, batchSize: 10, seed: 1 };
  const target = 0.9, maxSteps = 6000, every = 100;
  const race = (activation) => withNet(lab, { ...base, activation }, data, (net) => stepsTo(net, (r) => r.trainAccuracy >= target, maxSteps, every));
  const tanh = race('tanh'), sigmoid = race('sigmoid');
  const measured = { targetTrainAccuracy: target, maxSteps, tanhSteps: tanh.steps, sigmoidSteps: sigmoid.steps,
    sigmoidAccuracyAtTanhFinish: round(sigmoid.trace[Math.min(sigmoid.trace.length - 1, (tanh.steps ?? 0) / every)].trainAccuracy, 3) };
  const holds = tanh.steps !== null && (sigmoid.steps === null || sigmoid.steps >= 2 * tanh.steps);
  return {
    holds, measured,
    chart: { kind: 'lines', xLabel: 'step', yLabel: 'training accuracy', x: sigmoid.trace.map((r) => r.step),
      target, series: [{ name: 'tanh', values: tanh.trace.map((r) => r.trainAccuracy) }, { name: 'sigmoid', values: sigmoid.trace.map((r) => r.trainAccuracy) }] },
  };
}

function outputRange(lab) {
  const data = lab.dataset('circle', { n: 400, noise: 0.1, seed: 1 });
  const rates = Array.from({ length: 12 }, (_, i) => Number((10 ** (-3 + (4.5 * i) / 11)).toPrecision(3)));
  const acts = ['tanh', 'sigmoid', 'softsign', 'relu', 'elu'];
  const steps = 400;
  const runs = {};
  for (const activation of acts) {
    runs[activation] = rates.map((learningRate) => withNet(lab, { inputs: 2, hidden: [16, 16], activation, init: 'xavier', learningRate, batchSize: 10, seed: 1 }, data, (net) => {
      const r = net.train(steps, { report: false });
      const e = net.evaluate();
      return { diverged: r.diverged, loss: e.trainLoss, accuracy: e.trainAccuracy };
    }));
  }
  // A rate is survived when training neither diverged nor failed to learn (training accuracy >= 0.9).
  const largest = Object.fromEntries(acts.map((a) => {
    let best = null;
    runs[a].forEach((r, i) => { if (!r.diverged && r.accuracy >= 0.9) best = rates[i]; });
    return [a, best];
  }));
  const small = 3;  // rates[3] = 0.0169: the efficiency half of the claim, at a small rate
  const lossAtSmall = Object.fromEntries(acts.map((a) => [a, round(runs[a][small].loss)]));
  const bounded = ['tanh', 'sigmoid', 'softsign'], unbounded = ['relu', 'elu'];
  const minBounded = Math.min(...bounded.map((a) => largest[a] ?? 0));
  const maxUnbounded = Math.max(...unbounded.map((a) => largest[a] ?? 0));
  const measured = { rates, steps, largestSurvivedRate: largest, smallRate: rates[small], trainLossAtSmallRate: lossAtSmall,
    divergedRates: Object.fromEntries(acts.map((a) => [a, rates.filter((_, i) => runs[a][i].diverged)])) };
  const holds = minBounded > maxUnbounded &&
    Math.max(...unbounded.map((a) => lossAtSmall[a])) < Math.min(...bounded.map((a) => lossAtSmall[a]));
  return {
    holds, measured,
    chart: { kind: 'lines', logX: true, xLabel: 'learning rate', yLabel: 'final training loss (capped at 3; gap = diverged)', x: rates,
      series: acts.map((a) => ({ name: a, values: runs[a].map((r) => (r.diverged ? null : Math.min(r.loss, 3))) })) },
  };
}

function reluSpeed(lab) {
  const data = lab.dataset('spiral', { n: 400, noise: 0.1, seed: 1 });
  const base = { inputs: 2, hidden: [32, 32, 32], init: 'xavier', learningRate: 0.05, batchSize: 10, seed: 1 };
  const target = 0.3, maxSteps = 8000, every = 200;
  const run = (activation) => withNet(lab, { ...base, activation }, data, (net) => stepsTo(net, (r) => r.trainLoss <= target, maxSteps, every));
  const relu = run('relu'), tanh = run('tanh'), sigmoid = run('sigmoid');
  const measured = { targetTrainLoss: target, maxSteps, reluSteps: relu.steps, tanhSteps: tanh.steps, sigmoidSteps: sigmoid.steps };
  const slower = (s) => s === null || s > relu.steps;
  const holds = relu.steps !== null && slower(tanh.steps) && slower(sigmoid.steps);
  const longest = [relu, tanh, sigmoid].reduce((a, b) => (a.trace.length >= b.trace.length ? a : b));
  return {
    holds, measured,
    chart: { kind: 'lines', xLabel: 'step', yLabel: 'training loss', target, x: longest.trace.map((r) => r.step),
      series: [['relu', relu], ['tanh', tanh], ['sigmoid', sigmoid]].map(([name, r]) => ({ name, values: r.trace.map((x) => x.trainLoss) })) },
  };
}

// A tanh or softsign layer counts as saturated (the paper's Figs. 3-4) once the
// 98th percentile of its activations reaches this share of the asymptote 1.
const NEAR_ASYMPTOTE = 0.95;

function layerSeries(history) {
  return history[0].layers.map((_, l) => ({
    mean: history.map((r) => r.layers[l].actMean),
    std: history.map((r) => r.layers[l].actStd),
    p98: history.map((r) => r.layers[l].actPercentiles[2]),
    p2: history.map((r) => r.layers[l].actPercentiles[0]),
    saturated: history.map((r) => r.layers[l].saturatedFraction),
  }));
}

function saturation(lab, { preset = SATURATION_LESSON } = {}) {
  const data = lab.dataset(preset.dataset.name, preset.dataset.options);
  const runs = {};
  for (const v of preset.variants) {
    runs[v.activation] = withNet(lab, { ...preset.network, ...v }, data, (net) => {
      const history = trainHistory(net, preset.early.until, preset.early.every);
      return history.concat(trainHistory(net, preset.steps - preset.early.until, preset.every).slice(1));
    });
  }
  const names = preset.variants.map((v) => v.activation);
  const sig = runs.sigmoid;
  const top = sig[0].layers.length - 1;
  const topOf = (r) => r.layers[top];
  const early = sig.find((r) => topOf(r).actMean < 0.05 && topOf(r).saturatedFraction > 0.5) ?? null;
  const minimum = sig.reduce((a, r) => (topOf(r).actMean < topOf(a).actMean ? r : a));
  // Desaturation: after its lowest mean, the top layer's saturated share falls back below one half
  // (early on the share can flicker around one half while the layer is still falling).
  const escape = early ? sig.find((r) => r.step > minimum.step && topOf(r).saturatedFraction < 0.5) ?? null : null;
  const beforeEscape = escape ? sig[sig.indexOf(escape) - 1] : null;
  const last = sig.at(-1);
  const satOf = (h) => h.at(-1).layers.map((l) => round(l.saturatedFraction, 3));
  const p98Of = (h) => h.at(-1).layers.map((l) => round(l.actPercentiles[2], 3));
  // First report at which each layer's 98th percentile reaches NEAR_ASYMPTOTE (null: never in the run).
  const nearAsymptoteAt = (h) => h[0].layers.map((_, l) => h.find((r) => r.layers[l].actPercentiles[2] >= NEAR_ASYMPTOTE)?.step ?? null);
  const bounded = names.filter((a) => a !== 'sigmoid');
  const measured = {
    steps: preset.steps,
    topLayerSaturatedAtStep: early ? early.step : null,
    topLayerMeanThen: early ? round(early.layers[top].actMean) : null,
    topLayerSaturatedFractionThen: early ? round(early.layers[top].saturatedFraction, 3) : null,
    lowerLayerMeansThen: early ? early.layers.slice(0, top).map((l) => round(l.actMean, 3)) : null,
    topLayerMeanMinimum: round(topOf(minimum).actMean),
    topLayerMinimumAtStep: minimum.step,
    topLayerDesaturatedAtStep: escape ? escape.step : null,
    topLayerMeanAtEnd: round(topOf(last).actMean),
    topLayerSaturatedFractionAtEnd: round(topOf(last).saturatedFraction, 3),
    desaturating: escape !== null && topOf(last).actMean > 5 * topOf(minimum).actMean,
    // As the top layer escapes, the first one begins to saturate (the paper says the same).
    firstLayerSaturatedFraction: { beforeEscape: beforeEscape ? round(beforeEscape.layers[0].saturatedFraction, 3) : null, atEnd: round(last.layers[0].saturatedFraction, 3) },
    sigmoidTestAccuracy: { beforeEscape: beforeEscape ? round(beforeEscape.testAccuracy, 3) : null, atEnd: round(last.testAccuracy, 3) },
    nearAsymptote: NEAR_ASYMPTOTE,
    layerNearAsymptoteAtStep: Object.fromEntries(bounded.map((a) => [a, nearAsymptoteAt(runs[a])])),
    finalSaturatedFraction: Object.fromEntries(names.map((a) => [a, satOf(runs[a])])),
    finalP98: Object.fromEntries(names.map((a) => [a, p98Of(runs[a])])),
    finalTestAccuracy: Object.fromEntries(names.map((a) => [a, round(runs[a].at(-1).testAccuracy, 3)])),
  };
  // Tanh: its layers reach the asymptote one after another from the bottom up; softsign: fewer of them.
  const reached = (steps) => steps.filter((s) => s !== null).length;
  // The layers that get there are the lowest ones, each strictly later than the one below: [s1 < s2 < …, null, …].
  const bottomUp = (steps) => steps.slice(0, reached(steps)).every((s, i, v) => s !== null && (i === 0 || s > v[i - 1]));
  const tanhSteps = measured.layerNearAsymptoteAtStep.tanh ?? [];
  const softsignSteps = measured.layerNearAsymptoteAtStep.softsign ?? [];
  const sequential = reached(tanhSteps) >= 3 && bottomUp(tanhSteps) && reached(softsignSteps) < reached(tanhSteps);
  const holds = early !== null && early.layers.slice(0, 2).every((l) => Math.abs(l.actMean - 0.5) < 0.1) && measured.desaturating && sequential;
  return {
    holds, measured,
    chart: { kind: 'glorot', xLabel: 'step', yLabel: 'activation value', x: sig.map((r) => r.step),
      layers: layerSeries(sig), variants: Object.fromEntries(names.map((a) => [a, layerSeries(runs[a])])) },
  };
}

function largeInit(lab) {
  const data = lab.dataset('circle', { n: 400, noise: 0.1, seed: 1 });
  const gains = [1, 4, 8];
  const rows = [];
  for (const activation of ['sigmoid', 'tanh']) {
    for (const initGain of gains) {
      rows.push(withNet(lab, { inputs: 2, hidden: [32, 32, 32, 32], activation, init: 'xavier', initGain, learningRate: 0.03, batchSize: 10, seed: 1 }, data, (net) => {
        const r = net.train(0);
        net.train(1, { report: false });
        const g = net.train(0).layers.map((l) => l.gradNorm);
        return { activation, initGain, saturated: r.layers.map((l) => round(l.saturatedFraction, 3)), meanAbsDerivative: r.layers.map((l) => round(l.meanAbsDerivative, 4)), gradNorm: g };
      }));
    }
  }
  // The other effect: 16 sigmoid layers at gain 1, nothing saturated, gradients vanish through depth.
  const deep = withNet(lab, { inputs: 2, hidden: Array(16).fill(32), activation: 'sigmoid', init: 'xavier', learningRate: 0.03, batchSize: 10, seed: 1 }, data, (net) => {
    net.train(1, { report: false });
    const r = net.train(0);
    return { saturated: Math.max(...r.layers.map((l) => l.saturatedFraction)), gradNorm: r.layers.map((l) => l.gradNorm), ratio: r.gradNormRatio };
  });
  const at = (a, g) => rows.find((r) => r.activation === a && r.initGain === g);
  const meanOf = (v) => v.reduce((s, x) => s + x, 0) / v.length;
  const measured = {
    saturatedByGain: Object.fromEntries(['sigmoid', 'tanh'].map((a) => [a, Object.fromEntries(gains.map((g) => [g, round(meanOf(at(a, g).saturated), 3)]))])),
    meanAbsDerivativeByGain: Object.fromEntries(['sigmoid', 'tanh'].map((a) => [a, Object.fromEntries(gains.map((g) => [g, round(meanOf(at(a, g).meanAbsDerivative), 4)]))])),
    vanishingWithoutSaturation: { layers: 16, maxSaturatedFraction: deep.saturated, firstToLastGradNormRatio: Number(deep.ratio.toExponential(2)) },
  };
  const holds = ['sigmoid', 'tanh'].every((a) => meanOf(at(a, 8).saturated) > 0.3 && meanOf(at(a, 1).saturated) < 0.05 &&
    meanOf(at(a, 8).meanAbsDerivative) < 0.5 * meanOf(at(a, 1).meanAbsDerivative)) && deep.saturated < 0.01 && deep.ratio < 1e-3;
  return {
    holds, measured,
    chart: { kind: 'bars', xLabel: 'hidden layer', yLabel: 'saturated share at step 0', x: ['1', '2', '3', '4'],
      series: rows.map((r) => ({ name: `${r.activation} gain ${r.initGain}`, values: r.saturated })),
      side: { kind: 'log-bars', title: { en: 'Gradient norm per layer, 16 sigmoid layers at gain 1: it vanishes with 0 % saturated (σ′ ≤ ¼, not saturation)', zh: '16 层 sigmoid(gain 1)各层梯度范数:梯度消失但饱和比例为 0%(σ′ ≤ ¼,不是饱和)' },
        yLabel: 'gradient norm', x: deep.gradNorm.map((_, i) => `${i + 1}`), values: deep.gradNorm } },
  };
}

function depthInit(lab) {
  const data = lab.dataset('circle', { n: 400, noise: 0.1, seed: 1 });
  const base = { inputs: 2, hidden: Array(30).fill(32), activation: 'relu', learningRate: 0.01, batchSize: 10, seed: 1 };
  const steps = 1500;
  const run = (init) => withNet(lab, { ...base, init }, data, (net) => {
    const start = net.train(0);
    net.train(steps, { report: false });
    const end = net.evaluate();
    return { preStd: start.layers.map((l) => l.preStd), initialLoss: start.trainLoss, loss: end.trainLoss, accuracy: end.testAccuracy };
  });
  const he = run('he'), xavier = run('xavier');
  const measured = {
    steps,
    preStdLayer1: { he: round(he.preStd[0]), xavier: round(xavier.preStd[0]) },
    preStdLayer30: { he: round(he.preStd[29]), xavier: Number(xavier.preStd[29].toExponential(2)) },
    testAccuracy: { he: round(he.accuracy, 3), xavier: round(xavier.accuracy, 3) },
    trainLoss: { he: round(he.loss), xavier: round(xavier.loss) },
  };
  const holds = he.preStd[29] > 0.2 * he.preStd[0] && xavier.preStd[29] < 1e-3 * xavier.preStd[0] && he.accuracy > xavier.accuracy + 0.2;
  return {
    holds, measured,
    chart: { kind: 'lines', logY: true, xLabel: 'layer', yLabel: 'pre-activation std at init', x: he.preStd.map((_, i) => i + 1),
      series: [{ name: 'he', values: he.preStd }, { name: 'xavier', values: xavier.preStd }] },
  };
}

function dyingRelu(lab) {
  const result = runTrainingExperiment(lab, DYING_RELU);
  const dead = Object.fromEntries(result.variants.map((v) => [v.activation, v.final.layers.map((l) => round(l.deadFraction, 3))]));
  const accuracy = Object.fromEntries(result.variants.map((v) => [v.activation, round(v.final.testAccuracy, 3)]));
  const cures = ['leaky_relu', 'prelu', 'rrelu', 'elu'];
  const holds = dead.relu.some((d) => d > 0) && cures.every((a) => dead[a].every((d) => d === 0) && accuracy[a] > accuracy.relu);
  return {
    holds, measured: { deadFractionAfterSpike: dead, finalTestAccuracy: accuracy, spike: { atStep: DYING_RELU.schedule[0][0], steps: DYING_RELU.schedule[1][0], learningRate: DYING_RELU.schedule[1][1] } },
    // bands: the spike's steps, shaded.
    chart: { kind: 'lines', xLabel: 'step', yLabel: 'dead share (all layers)', x: result.variants[0].history.map((r) => r.step),
      bands: [[DYING_RELU.schedule[0][0], DYING_RELU.schedule[0][0] + DYING_RELU.schedule[1][0]]],
      series: result.variants.map((v) => ({ name: v.activation, values: v.history.map((r) => r.layers.reduce((s, l) => s + l.deadFraction, 0) / r.layers.length) })) },
  };
}

function prelu(lab) {
  const data = lab.dataset('spiral', { n: 600, noise: 0.1, seed: 1 });
  const base = { inputs: 2, hidden: Array(6).fill(16), activation: 'prelu', init: 'he', batchSize: 10, seed: 1 };
  const steps = 5000, every = 250;
  // Two optimisers: the pattern He et al. report shows with plain SGD here, not with momentum.
  const run = (extra) => withNet(lab, { ...base, ...extra }, data, (net) => trainHistory(net, steps, every));
  const sgd = run({ optimizer: 'sgd', learningRate: 0.03 });
  const momentum = run({ optimizer: 'momentum', learningRate: 0.01 });
  const alphaOf = (h) => h.at(-1).layers.map((l) => round(l.alpha.mean, 3));
  const a = alphaOf(sgd), m = alphaOf(momentum);
  const falls = (v) => v[0] > v.at(-1);
  const measured = { steps, initialAlpha: 0.25, layers: 6,
    sgd: { learningRate: 0.03, finalMeanAlphaByLayer: a, testAccuracy: round(sgd.at(-1).testAccuracy, 3), firstAboveLast: falls(a) },
    momentum: { learningRate: 0.01, finalMeanAlphaByLayer: m, testAccuracy: round(momentum.at(-1).testAccuracy, 3), firstAboveLast: falls(m) } };
  return {
    // He et al.'s pattern (alpha larger early than deep) in the SGD run; the momentum run says how robust it is.
    holds: falls(a), measured,
    chart: { kind: 'lines', xLabel: 'step', yLabel: 'mean learned α (SGD)', x: sgd.map((r) => r.step),
      series: a.map((_, l) => ({ name: `layer ${l + 1}`, values: sgd.map((r) => r.layers[l].alpha.mean) })) },
  };
}

function rrelu(lab) {
  const n = 4000;
  const x = new Float32Array(n).fill(-1);
  const train = lab.forward('rrelu', x, { training: true, seed: 7 });
  const again = lab.forward('rrelu', x, { training: true, seed: 7 });
  const other = lab.forward('rrelu', x, { training: true, seed: 8 });
  const evalOut = lab.forward('rrelu', x);
  const slopes = Array.from(train, (v) => -v);
  const min = Math.min(...slopes), max = Math.max(...slopes);
  const mean = slopes.reduce((s, v) => s + v, 0) / n;
  const evalSlopes = new Set(Array.from(evalOut, (v) => -v));
  const sameSeed = train.every((v, i) => v === again[i]);
  const otherSeedDiffers = train.some((v, i) => v !== other[i]);
  // A trained network: evaluation-mode predictions are deterministic.
  const data = lab.dataset('circle', { n: 400, noise: 0.1, seed: 1 });
  const [p1, p2] = withNet(lab, { inputs: 2, hidden: [8, 8], activation: 'rrelu', init: 'he', learningRate: 0.03, batchSize: 10, seed: 1 }, data, (net) => {
    net.train(500, { report: false });
    return [net.predict(data.testX), net.predict(data.testX)];
  });
  const measured = { elements: n, trainingSlope: { min: round(min, 4), max: round(max, 4), mean: round(mean, 4) },
    evaluationSlope: [...evalSlopes].map((v) => round(v, 6)), expectedEvaluationSlope: round(2 / 11, 6),
    sameSeedSameDraws: sameSeed, otherSeedOtherDraws: otherSeedDiffers, evaluationPredictionsRepeat: p1.every((v, i) => v === p2[i]) };
  const holds = min >= 1 / 8 - 1e-6 && max <= 1 / 3 + 1e-6 && min < 0.13 && max > 0.32 && evalSlopes.size === 1 &&
    Math.abs([...evalSlopes][0] - 2 / 11) < 1e-6 && sameSeed && otherSeedDiffers && measured.evaluationPredictionsRepeat;
  // Histogram of the training slopes in 20 bins over [1/8, 1/3].
  const bins = new Array(20).fill(0);
  for (const s of slopes) bins[Math.min(19, Math.max(0, Math.floor(((s - 1 / 8) / (1 / 3 - 1 / 8)) * 20)))]++;
  return {
    holds, measured,
    chart: { kind: 'histogram', xLabel: 'slope on x < 0', yLabel: 'elements', x: bins.map((_, i) => round(1 / 8 + ((i + 0.5) * (1 / 3 - 1 / 8)) / 20, 3)),
      series: [{ name: 'training mode', values: bins }], marker: { name: 'evaluation mode', value: 2 / 11 } },
  };
}

const RUNNERS = {
  nonlinearity, differentiability, monotonicity, 'identity-near-zero': identityNearZero, 'output-range': outputRange,
  'relu-speed': reluSpeed, saturation, 'large-init': largeInit, 'depth-init': depthInit, 'dying-relu': dyingRelu, prelu, rrelu,
};

/** The definition of lesson `id` (throws naming the allowed ids). */
export function lessonDefinition(id) {
  const l = BY_ID.get(id);
  if (!l) throw new RangeError(`lesson must be one of ${LESSON_IDS.join(', ')}; got ${JSON.stringify(id)}`);
  return l;
}

/**
 * Runs one lesson from its seed: { id, claim, holds, measured, chart, ms }.
 * `claim` is the English claim; the definition (lessonDefinition(id)) has both languages.
 */
export function runLesson(lab, id, options) {
  const def = lessonDefinition(id);
  // only the saturation lesson takes an option: its { preset } (SATURATION_LESSON's shape)
  const o = readRunOptions(options, id === 'saturation' ? ['preset'] : []);
  const t0 = performance.now();
  const r = RUNNERS[id](lab, o);
  return { id, claim: def.claim.en, holds: r.holds, measured: r.measured, chart: r.chart, ms: Math.round(performance.now() - t0) };
}

/** Every lesson in order; onProgress(done, total, result) after each. */
export function runLessons(lab, options) {
  const { onProgress } = readRunOptions(options, ['onProgress']);
  const out = [];
  for (const { id } of LESSONS) {
    out.push(runLesson(lab, id));
    onProgress?.(out.length, LESSONS.length, out.at(-1));
  }
  return out;
}
