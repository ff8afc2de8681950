import "server-only";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { ExtractedPage } from "../passages";

/** What a document may give, at most: pages read, characters kept, and for a DOCX what it unpacks to and its parts. */
export interface ExtractLimits {
  maxPages: number;
  maxChars: number;
  maxUnzippedBytes: number;
  maxEntries: number;
}

export interface Extracted {
  pages: ExtractedPage[];
  /** More was there than the limits let through. */
  truncated: boolean;
  /** A PDF's page count. */
  pageCount?: number;
}

/** The thread's JavaScript heap: a parse that needs more fails, and the server goes on. */
const WORKER_HEAP_MB = 256;

interface Job {
  id: number;
  resolve(value: Extracted): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * Text extraction in a worker thread, one document at a time, never on the event loop. A document
 * that takes longer than its time (a PDF built to make the parser loop) ends the thread, which is
 * started again for the next; so does one that runs the thread out of memory.
 */
class TextExtractor {
  private worker: Worker | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private job: Job | null = null;
  private nextId = 1;

  constructor(private readonly scriptPath: string) {}

  /** The text of `bytes` (moved to the thread, not copied) as a `kind` document, or a rejection saying why not. */
  extract(kind: "pdf" | "docx" | "text", bytes: Uint8Array, limits: ExtractLimits, timeoutMs: number): Promise<Extracted> {
    const run = this.queue.then(() => this.run(kind, bytes, limits, timeoutMs));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private run(kind: string, bytes: Uint8Array, limits: ExtractLimits, timeoutMs: number): Promise<Extracted> {
    const worker = this.thread();
    return new Promise<Extracted>((resolve, reject) => {
      const id = this.nextId++;
      const timer = setTimeout(() => this.fail(new Error(`Reading the document took over ${Math.round(timeoutMs / 1000)} s.`)), timeoutMs);
      this.job = { id, resolve, reject, timer };
      worker.postMessage({ id, kind, bytes, limits }, [bytes.buffer as ArrayBuffer]);
    });
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.scriptPath, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    worker.unref();
    worker.on("message", (message: { id: number; error?: string } & Partial<Extracted>) => {
      const job = this.job;
      if (!job || job.id !== message.id) return;
      this.job = null;
      clearTimeout(job.timer);
      if (message.error !== undefined) job.reject(new Error(message.error));
      else job.resolve({ pages: message.pages ?? [], truncated: Boolean(message.truncated), pageCount: message.pageCount });
    });
    worker.on("error", (error) => this.fail(new Error(`The document could not be read: ${error.message}`)));
    worker.on("exit", () => {
      if (this.worker === worker) this.worker = null;
      this.fail(new Error("The document could not be read: its reader stopped."));
    });
    this.worker = worker;
    return worker;
  }

  /** The job running fails, and the thread goes: the next document gets a new one. */
  private fail(error: Error): void {
    const job = this.job;
    this.job = null;
    if (job) {
      clearTimeout(job.timer);
      job.reject(error);
    }
    const worker = this.worker;
    this.worker = null;
    if (job) void worker?.terminate();
  }
}

let extractor: TextExtractor | null = null;

/** This instance's extractor, started on first use. */
export function textExtractor(): TextExtractor {
  extractor ??= new TextExtractor(join(process.cwd(), "lib", "attachments", "extract", "extract-worker.mjs"));
  return extractor;
}
