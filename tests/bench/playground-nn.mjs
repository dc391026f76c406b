// A plain-JavaScript MLP in the design of TensorFlow Playground's nn.ts,
// written for this benchmark (not copied): one object per node and per link,
// each sample propagated forward and backward on its own, derivatives
// accumulated on the links and nodes, weights updated once per batch. This
// is what the lab replaces; the benchmark times it on the same networks.

export const ACTIVATIONS = {
  tanh: { output: (x) => Math.tanh(x), der: (x) => { const t = Math.tanh(x); return 1 - t * t; } },
  relu: { output: (x) => Math.max(0, x), der: (x) => (x <= 0 ? 0 : 1) },
  sigmoid: { output: (x) => 1 / (1 + Math.exp(-x)), der: (x) => { const s = 1 / (1 + Math.exp(-x)); return s * (1 - s); } },
  linear: { output: (x) => x, der: () => 1 },
};

// Squared error, as Playground: 1/2 (output - target)^2.
const SQUARE = { error: (o, t) => 0.5 * (o - t) ** 2, der: (o, t) => o - t };

class Node {
  constructor(activation) {
    this.activation = activation;
    this.inputLinks = [];
    this.outputs = [];
    this.bias = 0.1;
    this.totalInput = 0;
    this.output = 0;
    this.outputDer = 0;
    this.inputDer = 0;
    this.accInputDer = 0;
    this.numAccumulatedDers = 0;
  }

  updateOutput() {
    let total = this.bias;
    for (const link of this.inputLinks) total += link.weight * link.source.output;
    this.totalInput = total;
    this.output = this.activation.output(total);
    return this.output;
  }
}

class Link {
  constructor(source, dest, weight) {
    this.source = source;
    this.dest = dest;
    this.weight = weight;
    this.errorDer = 0;
    this.accErrorDer = 0;
    this.numAccumulatedDers = 0;
  }
}

/** A seeded uniform generator in [0, 1) (mulberry32). */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class PlaygroundNetwork {
  /**
   * @param {number[]} shape units per layer, inputs first, e.g. [2, 8, 8, 1]
   * @param {string} activation hidden activation (a key of ACTIVATIONS)
   * @param {string} outputActivation
   */
  constructor(shape, activation, outputActivation, seed = 1) {
    const random = seededRandom(seed);
    this.layers = shape.map((units, l) => {
      const act = ACTIVATIONS[l === 0 ? 'linear' : l === shape.length - 1 ? outputActivation : activation];
      return Array.from({ length: units }, () => new Node(act));
    });
    for (let l = 1; l < this.layers.length; l++) {
      for (const node of this.layers[l]) {
        for (const source of this.layers[l - 1]) {
          const link = new Link(source, node, random() - 0.5);
          source.outputs.push(link);
          node.inputLinks.push(link);
        }
      }
    }
  }

  /** The network's output for one sample (an array of input values). */
  forward(inputs) {
    const inputLayer = this.layers[0];
    for (let i = 0; i < inputLayer.length; i++) inputLayer[i].output = inputs[i];
    for (let l = 1; l < this.layers.length; l++) for (const node of this.layers[l]) node.updateOutput();
    return this.layers[this.layers.length - 1][0].output;
  }

  /** Backpropagates one sample's error (after forward), accumulating derivatives. */
  backward(target) {
    const out = this.layers[this.layers.length - 1][0];
    out.outputDer = SQUARE.der(out.output, target);
    for (let l = this.layers.length - 1; l >= 1; l--) {
      const layer = this.layers[l];
      for (const node of layer) {
        node.inputDer = node.outputDer * node.activation.der(node.totalInput);
        node.accInputDer += node.inputDer;
        node.numAccumulatedDers++;
      }
      for (const node of layer) {
        for (const link of node.inputLinks) {
          link.errorDer = node.inputDer * link.source.output;
          link.accErrorDer += link.errorDer;
          link.numAccumulatedDers++;
        }
      }
      if (l === 1) continue;
      for (const node of this.layers[l - 1]) {
        let der = 0;
        for (const link of node.outputs) der += link.weight * link.dest.inputDer;
        node.outputDer = der;
      }
    }
  }

  /** Applies the mean accumulated derivatives (plain SGD) and clears them. */
  update(learningRate) {
    for (let l = 1; l < this.layers.length; l++) {
      for (const node of this.layers[l]) {
        if (node.numAccumulatedDers > 0) {
          node.bias -= (learningRate * node.accInputDer) / node.numAccumulatedDers;
          node.accInputDer = 0;
          node.numAccumulatedDers = 0;
        }
        for (const link of node.inputLinks) {
          if (link.numAccumulatedDers > 0) {
            link.weight -= (learningRate * link.accErrorDer) / link.numAccumulatedDers;
            link.accErrorDer = 0;
            link.numAccumulatedDers = 0;
          }
        }
      }
    }
  }

  /** Mean squared error (1/2 (o - t)^2) over samples. */
  loss(points, targets) {
    let sum = 0;
    for (let i = 0; i < targets.length; i++) sum += SQUARE.error(this.forward(points[i]), targets[i]);
    return sum / targets.length;
  }
}
