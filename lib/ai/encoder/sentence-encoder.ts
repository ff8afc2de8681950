import "server-only";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { BATCH_CHARS, textBatches } from "./text-batches";

/** What the worker says. */
type WorkerMessage =
  | { type: "ready" }
  | { type: "failed"; error: string }
  | { type: "done"; id: number; vectors?: Float32Array[]; error?: string };

interface Job {
  texts: string[];
  resolve(vectors: Float32Array[]): void;
  reject(error: Error): void;
}

/** Stored beside each vector: vectors of another model are never compared with these. */
export const BUILTIN_ENCODER_KEY = "builtin/universal-sentence-encoder-lite/512";
/** The encoder reads sentences: a longer text is cut here (most of a chat message's meaning is early). */
export const ENCODER_MAX_CHARS = 2_000;
/** After the thread fails, this long passes before it is started again: meanwhile recall goes by words. */
const RESTART_AFTER_MS = 30_000;
/** A batch not answered in this long, plus this long a text, means the thread is wedged. */
const BATCH_LIMIT_MS = 15_000;
const TEXT_LIMIT_MS = 1_000;
/** Questions embedded together at most, when several wait. */
const URGENT_BATCH = 16;
/** The thread's JavaScript heap: the model's weights live in WebAssembly memory, not here. */
const WORKER_HEAP_MB = 256;

/**
 * The built-in sentence encoder, in a worker thread, never on the event loop. It starts on first use
 * and runs one batch at a time; questions (`urgent`) go before any waiting background batch, so a
 * question waits at most for the batch being encoded, and questions waiting together go as one. A thread that fails or exits fails what it was given,
 * and is started again on a later call, RESTART_AFTER_MS after.
 */
class SentenceEncoder {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private failedAt = Number.NEGATIVE_INFINITY;
  private running: { id: number; jobs: Job[]; watchdog: NodeJS.Timeout } | null = null;
  private readonly urgent: Job[] = [];
  private readonly background: Job[] = [];
  private nextId = 1;

  constructor(private readonly scriptPath: string) {}

  /**
   * Unit-length vectors for `texts`, in order. Rejects when the thread fails or is down, or when
   * `signal` aborts first (a batch not yet begun is then dropped).
   */
  async embed(texts: string[], { urgent = false, signal }: { urgent?: boolean; signal?: AbortSignal } = {}): Promise<Float32Array[]> {
    const batches = textBatches(texts.map((text) => text.slice(0, ENCODER_MAX_CHARS).toWellFormed()));
    // A background batch at a time: a question waits for one batch at most, not for a whole run's.
    if (!urgent) return (await Promise.all(batches.map((batch) => this.enqueue(batch, this.background, signal)))).flat();
    return this.enqueue(batches.flat(), this.urgent, signal);
  }

  private enqueue(texts: string[], queue: Job[], signal: AbortSignal | undefined): Promise<Float32Array[]> {
    if (texts.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const job: Job = { texts, resolve, reject };
      const abort = () => {
        const index = queue.indexOf(job);
        if (index >= 0) queue.splice(index, 1);
        reject(signal?.reason instanceof Error ? signal.reason : new Error("The sentence encoder was not waited for."));
      };
      if (signal?.aborted) return abort();
      signal?.addEventListener("abort", abort, { once: true });
      queue.push(job);
      this.start().then(
        () => this.pump(),
        (error: Error) => this.failAll(error),
      );
    });
  }

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    if (Date.now() - this.failedAt < RESTART_AFTER_MS) return Promise.reject(new Error("The sentence encoder failed recently."));
    const worker = new Worker(this.scriptPath, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    // An idle encoder never keeps the process alive.
    worker.unref();
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.on("message", (message: WorkerMessage) => {
        if (message.type === "ready") resolve();
        else if (message.type === "failed") {
          reject(new Error(`The sentence encoder could not load: ${message.error}`));
          this.stop(worker);
        } else this.finish(message);
      });
      const down = (error: Error) => {
        reject(error);
        if (this.worker === worker) this.stop(worker, error);
      };
      worker.on("error", down);
      worker.on("exit", (code) => down(new Error(`The sentence encoder exited (${code}).`)));
    });
    return this.ready;
  }

  private pump(): void {
    if (this.running || !this.worker) return;
    // Questions waiting together go as one batch, within BATCH_CHARS: under load they share the thread's time.
    const jobs = this.urgent.length > 0 ? this.urgent.splice(0, urgentBatchSize(this.urgent)) : this.background.splice(0, 1);
    if (jobs.length === 0) return;
    const texts = jobs.flatMap((job) => job.texts);
    const worker = this.worker;
    // A batch that never comes back (a wedged thread) would hold every later one: the thread is replaced.
    const watchdog = setTimeout(
      () => this.stop(worker, new Error("The sentence encoder stopped answering.")),
      BATCH_LIMIT_MS + texts.length * TEXT_LIMIT_MS,
    );
    watchdog.unref();
    this.running = { id: this.nextId++, jobs, watchdog };
    worker.postMessage({ id: this.running.id, texts });
  }

  private finish(message: Extract<WorkerMessage, { type: "done" }>): void {
    const batch = this.running;
    if (!batch || batch.id !== message.id) return;
    clearTimeout(batch.watchdog);
    this.running = null;
    let at = 0;
    for (const job of batch.jobs) {
      if (message.vectors) job.resolve(message.vectors.slice(at, at + job.texts.length));
      else job.reject(new Error(`The sentence encoder failed: ${message.error}`));
      at += job.texts.length;
    }
    this.pump();
  }

  private stop(worker: Worker, error = new Error("The sentence encoder stopped.")): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.ready = null;
    this.failedAt = Date.now();
    void worker.terminate();
    this.failAll(error);
  }

  private failAll(error: Error): void {
    if (this.running) clearTimeout(this.running.watchdog);
    const jobs = [...(this.running?.jobs ?? []), ...this.urgent.splice(0), ...this.background.splice(0)];
    this.running = null;
    for (const job of jobs) job.reject(error);
  }
}

/** How many of the waiting questions go together: at least one, at most URGENT_BATCH, within BATCH_CHARS. */
function urgentBatchSize(waiting: Job[]): number {
  let chars = 0;
  let size = 0;
  for (const job of waiting.slice(0, URGENT_BATCH)) {
    chars += job.texts.reduce((sum, text) => sum + text.length, 0);
    if (size > 0 && chars > BATCH_CHARS) break;
    size++;
  }
  return size;
}

let encoder: SentenceEncoder | undefined;

/**
 * The process's one built-in encoder. Its script is found from the working directory: the project's
 * in development and tests, the standalone server's (where the build copies it) in production.
 */
export function sentenceEncoder(): SentenceEncoder {
  encoder ??= new SentenceEncoder(join(process.cwd(), "lib", "ai", "encoder", "encoder-worker.mjs"));
  return encoder;
}
