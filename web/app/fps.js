// Frames per second of the page, counted with requestAnimationFrame over
// one-second windows: the proof that training in the worker keeps the page
// responsive. onUpdate(fps) is called once a second.
export function startFpsMeter(onUpdate) {
  let frames = 0;
  let start = performance.now();
  const meter = { value: 0 };
  const loop = (now) => {
    frames += 1;
    if (now - start >= 1000) {
      meter.value = Math.round((frames * 1000) / (now - start));
      frames = 0;
      start = now;
      onUpdate(meter.value);
    }
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  return meter;
}
