// The lint worker: the page's own wasm module, run off the page's thread so that typing
// and pasting stay smooth (src/worker.rs). The page sends the URLs of its JS glue and its
// wasm first (Trunk names them with content hashes); the module's `main` sees no window
// here and renders nothing. Then each message is a text to lint: the answer is the
// summary as numbers and strings (src/wire.rs), tagged with the request's id.
let engine = null;

self.onmessage = async ({ data }) => {
  if (data.init) {
    try {
      const glue = await import(data.init.glue);
      await glue.default({ module_or_path: data.init.wasm });
      engine = glue;
      self.postMessage({ ready: true });
    } catch (e) {
      self.postMessage({ failed: String(e?.message ?? e) });
    }
    return;
  }
  if (engine === null) return;
  const [nums, strs] = engine.summarize(data.text, data.settings);
  self.postMessage({ id: data.id, nums, strs }, [nums.buffer]);
};
