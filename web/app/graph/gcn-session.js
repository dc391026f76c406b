// Worker side of the graph lab: one GCN training run on a named graph,
// advanced in small slices; each frame carries the report, the 2-D embedding
// and P(class 1) per node. Knows the library, not the page.
export const GCN_MAX_STEPS = 300;

export class GcnSession {
  /** @param {{ graph: string, labelled: number[], config: object, maxSteps?: number }} setup */
  constructor(lab, setup) {
    this.graph = lab.graph(setup.graph);
    this.model = lab.createGcn(setup.config);
    this.model.setGraph(this.graph, { labelled: setup.labelled });
    this.maxSteps = setup.maxSteps ?? GCN_MAX_STEPS;
  }

  get finished() { return this.model.step >= this.maxSteps; }

  /** Trains up to n steps (not past maxSteps) and returns a frame. */
  advance(n) {
    const steps = Math.max(0, Math.min(n, this.maxSteps - this.model.step));
    const report = steps > 0 ? this.model.train(steps) : this.model.evaluate();
    return this.frame(report);
  }

  frame(report = this.model.evaluate()) {
    const p = this.model.predict();
    const k = p.length / this.graph.nodes;
    const probs = new Float32Array(this.graph.nodes);
    for (let i = 0; i < this.graph.nodes; i++) probs[i] = p[i * k + 1];
    return { step: this.model.step, report, embedding: this.model.embedding(), probs, finished: this.finished };
  }

  dispose() { this.model.delete(); }
}
