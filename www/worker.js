// An engine worker: the page's own wasm module, run off the page's thread so that typing
// and pasting stay smooth (src/worker.rs). The page starts two: one lints, one estimates
// sizes. It first sends the URLs of its JS glue and its wasm (Trunk names them with
// content hashes); the module's `main` sees no window here and renders nothing. Then each
// message is a text to work on, answered with the result as numbers and strings
// (src/wire.rs) and the request's id. Messages are handled one after the other, so a
// request sent while the wasm still loads waits for it.
let engine = null;
let queue = Promise.resolve();

async function handle(data) {
  if (data.init) {
    try {
      const glue = await import(data.init.glue);
      await glue.default({ module_or_path: data.init.wasm });
      engine = glue;
    } catch (e) {
      self.postMessage({ failed: String(e?.message ?? e) });
    }
    return;
  }
  if (engine === null) return;
  const answer = (nums, strs) => self.postMessage({ id: data.id, nums, strs }, [nums.buffer]);
  if (data.job === 'size') {
    // The estimate may first fetch the size tables: it answers when it is done.
    await new Promise((done) => engine.estimate(data.text, data.settings, (nums, strs) => done(answer(nums, strs))));
  } else {
    answer(...engine.summarize(data.text, data.settings));
  }
}

self.onmessage = ({ data }) => {
  queue = queue.then(() => handle(data));
};
