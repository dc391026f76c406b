// Library entry of the custom element: importing it registers <activation-lab>.
import { defineActivationLab } from './element.js';

export { ActivationLabElement, defineActivationLab } from './element.js';

defineActivationLab();
