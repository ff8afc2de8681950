// First step of `npm test`: the Playwright suite needs a Chromium and the rollback tests need psql,
// and a machine without them would otherwise find out minutes in, half-way through the suite.
// Installs what it can without asking (the distribution's packages as root or with passwordless
// sudo, else Playwright's own browser); otherwise stops at once with the command to run.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

// stdout is dropped: apt-get -qq still lists every package it unpacks. Errors go to stderr.
const run = (args: string[]) => spawnSync(args[0], args.slice(1), { stdio: ["ignore", "ignore", "inherit"] });
const succeeds = (...args: string[]) => spawnSync(args[0], args.slice(1), { stdio: "ignore" }).status === 0;

const override = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
// playwright.config.ts then uses this path alone, so installing a browser would not help.
if (override && !existsSync(override)) {
  console.error(`PLAYWRIGHT_CHROMIUM_EXECUTABLE=${override} does not exist: point it at a Chromium or unset it.`);
  process.exit(1);
}
const hasBrowser = async () => {
  if (override || existsSync("/usr/bin/chromium")) return true;
  // Imported only here so that the usual case does not pay for loading Playwright.
  const { chromium } = await import("@playwright/test");
  return existsSync(chromium.executablePath());
};
const stillMissing = async () => [
  ...((await hasBrowser()) ? [] : ["chromium"]),
  ...(succeeds("psql", "--version") ? [] : ["postgresql-client"]),
];

let missing = await stillMissing();
if (missing.length === 0) process.exit(0);

const apt = succeeds("apt-get", "--version");
const asRoot = process.getuid?.() === 0 ? [] : succeeds("sudo", "-n", "true") ? ["sudo", "-n"] : null;
if (apt && asRoot) {
  console.log(`Installing ${missing.join(" and ")} with apt-get`);
  // `env` because sudo would drop DEBIAN_FRONTEND from the environment; CI has no stdin to answer.
  const aptGet = [...asRoot, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get"];
  run([...aptGet, "update", "-qq"]);
  // One at a time: Ubuntu has no `chromium` package, and that must not cost us psql.
  for (const pkg of missing) run([...aptGet, "install", "-y", "-qq", "--no-install-recommends", pkg]);
  missing = await stillMissing();
}
if (missing.includes("chromium")) {
  console.log("Installing Playwright's own Chromium");
  const result = spawnSync("npx", ["--no", "playwright", "install", "chromium"], { encoding: "utf8" });
  // Its failure (no internet, say) is five retries of stack traces; the first error line says enough.
  if (result.status !== 0) console.error(result.stderr.split("\n").find((l) => l.startsWith("Error")) ?? result.stderr);
  missing = await stillMissing();
}
if (missing.length === 0) process.exit(0);

const commands = apt
  ? [`sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(" ")}`]
  : [
      ...(missing.includes("chromium") ? ["npx playwright install --with-deps chromium"] : []),
      ...(!missing.includes("postgresql-client")
        ? []
        : process.platform === "darwin"
          ? ["brew install libpq && brew link --force libpq"]
          : ["(install your system's PostgreSQL client package, so that `psql` is on PATH)"]),
    ];
console.error(`npm test needs ${missing.join(" and ")}, which could not be installed here. Run:`);
for (const command of commands) console.error(`  ${command}`);
process.exit(1);
