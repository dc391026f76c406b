// window.__alab: a read-only view of the page's numbers for tests and for the
// curious (every getter returns a copy). Nothing here changes the page except
// simulateWorkerCrash(), which exercises the worker-death path.
export function installTestHook({ store, controller, client, fps }) {
  const copy = (v) => (v === undefined ? undefined : structuredClone(v));
  const hook = Object.freeze({
    state: () => copy(store.get()),
    link: () => store.link(),
    step: () => controller.step,
    running: () => controller.running,
    reason: () => controller.reason,
    mode: () => controller.setup?.mode ?? null,
    runs: () => Object.keys(controller.histories),
    history: (key = 'main') => copy(controller.histories[key] ?? []),
    last: (key = 'main') => copy(controller.last(key)),
    configs: () => copy(controller.setupInfo?.configs ?? null),
    fps: () => fps.value,
    sought: () => controller.seekState?.step ?? null,
    forkStep: () => controller.forkInfo?.step ?? null,
    stateBytes: (which) => controller.stateBytes(which),
    units: (key = 'main') => copy(controller.units[key] ? { resolution: controller.units[key].resolution, widths: controller.units[key].widths, length: controller.units[key].values.length } : null),
    simulateWorkerCrash: () => client.simulateCrash(),
  });
  Object.defineProperty(window, '__alab', { value: hook, writable: false, configurable: false });
}
