// Type declarations of `activation-lab/element`: importing it registers the
// <activation-lab> custom element (web/app/element.js). Also the messages of
// the iframe embed (embed.html, web/app/embed/messages.js), which carry the
// same details as the element's events.
//
//   <activation-lab experiment="saturation|dying-relu" lang="en|zh-CN"
//                   speed="slow|normal|fast|max" autoplay href="https://lab.example/"></activation-lab>

/** The experiments an element or embed can show. */
export type WidgetExperiment = 'saturation' | 'dying-relu';
export type WidgetSpeed = 'slow' | 'normal' | 'fast' | 'max';
export type WidgetLanguage = 'en' | 'zh-CN';

/** The attributes of <activation-lab> (all strings in HTML; unknown values fall back to the default). */
export interface ActivationLabAttributes {
  /** Which experiment (required; an unknown one shows an error message in the element). */
  experiment: WidgetExperiment;
  /** Page-wide language: the last one set wins. Default en. */
  lang?: WidgetLanguage;
  /** Training speed. Default normal. */
  speed?: WidgetSpeed;
  /** Present: start training as soon as the module is ready. */
  autoplay?: boolean;
  /** Where "Open in Activation Lab" links to (http/https only); no link without it. */
  href?: string;
}

/** The run's state: why it stopped, or 'playing'. */
export type RunReason = 'setup' | 'ready' | 'playing' | 'paused' | 'finished' | 'diverged' | 'worker-died' | (string & {});

/** Per network of the experiment, keyed by its label (e.g. "Sigmoid + standard", "ReLU"). */
export interface RunSummary {
  step: number;
  trainLoss: number | null;
  /** Share of dead hidden units of the whole network. */
  deadFraction: number | null;
  /** Mean activation of the top hidden layer. */
  topActMean: number | null;
}

export interface ReadyMessage { source: 'activation-lab'; type: 'ready'; experiment: WidgetExperiment }
export interface StateMessage { source: 'activation-lab'; type: 'state'; experiment: WidgetExperiment; running: boolean; reason: RunReason; step?: number }
export interface ProgressMessage { source: 'activation-lab'; type: 'progress'; experiment: WidgetExperiment; step: number; running: boolean; runs: Record<string, RunSummary> }
/** iframe only: a command was carried out. */
export interface AckMessage { source: 'activation-lab'; type: 'ack'; experiment: WidgetExperiment | null; command: EmbedCommand['type']; id?: string | number }
/** iframe only: a message from an allowed origin had the wrong shape. */
export interface RejectedMessage { source: 'activation-lab'; type: 'rejected'; experiment: WidgetExperiment | null; reason: string }

/** What embed.html posts to its parent window. */
export type EmbedMessage = ReadyMessage | StateMessage | ProgressMessage | AckMessage | RejectedMessage;
/** What the parent may post to embed.html (from an allowed origin); `id` is echoed in the ack. */
export interface EmbedCommand { type: 'start' | 'pause' | 'reset'; id?: string | number }

/** The element's events; `detail` is the message the iframe embed would post. */
export interface ActivationLabEventMap {
  'alab-ready': CustomEvent<ReadyMessage>;
  'alab-state': CustomEvent<StateMessage>;
  'alab-progress': CustomEvent<ProgressMessage>;
}

export declare class ActivationLabElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /** Start (or resume) training; before the module is ready, training starts once it is. */
  start(): void;
  pause(): void;
  /** Back to step 0, paused. */
  reset(): void;
  addEventListener<K extends keyof ActivationLabEventMap>(type: K, listener: (this: ActivationLabElement, ev: ActivationLabEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: ActivationLabElement, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof ActivationLabEventMap>(type: K, listener: (this: ActivationLabElement, ev: ActivationLabEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: ActivationLabElement, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** Registers the element under `name` (once; importing the module already registers 'activation-lab'). Without a DOM (Node, server-side rendering) it does nothing. */
export declare function defineActivationLab(name?: string): void;

declare global {
  interface HTMLElementTagNameMap {
    'activation-lab': ActivationLabElement;
  }
}
