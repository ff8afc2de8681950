// Scenario 6: the user's own sidebar actions while a tab follows a live reply. One browser context (one
// client) with two tabs on conversation X against the standalone server (`npm start`'s) (offline model at 40 ms a token, so a
// reply streams for about 10 s): tab B sends a long message, tab A follows the reply it did not send.
// While the reply streams, tab A renames conversation Y and opens conversation Z from the sidebar, and
// tab B (the sender) renames conversation W; each timed in the page from the Enter key or the click to
// the DOM showing the result. The same three actions with no reply in progress, interleaved with the
// live ones, give the baseline. Of each, the time before its first request left the page is also
// reported: Next.js sends a tab's server actions one at a time, so an action can wait there behind the
// tab's own requests (a following tab's refreshes). It also counts the server actions tab A sends
// while it follows, the user idle. Only accessible names and roles are relied on (the rename button,
// title textbox, sidebar and message lists, Message box, Send and Stop), so the figures hold whether
// the following tab polls or listens to the events stream.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { chromium, devices, expect, type Page } from "@playwright/test";
import playwrightConfig from "../../playwright.config";
import { type Metric, metric, percentile, runScenario, waitForServer } from "../harness";

const SCENARIO = "6 UI while following";
const DELAY_MS = 40;
/** The following tab's refresh period in the polling version; waits before each action are spread over it. */
const JITTER_MS = 700;
/** How long the following tab is watched, the user idle, before the measurements of a live round. */
const WATCH_MS = 1000;
/** An action whose first request leaves the page later than this after the event was held behind another. */
const HELD_MS = 10;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const jitter = () => sleep(Math.random() * JITTER_MS);

const sidebar = (page: Page) => page.getByRole("list", { name: "Your conversations" });
/** A conversation's entry in the sidebar, whether a button or a link. */
const entry = (page: Page, title: string) =>
  sidebar(page)
    .getByRole("button", { name: title, exact: true })
    .or(sidebar(page).getByRole("link", { name: title, exact: true }))
    .first();
const messageWith = (page: Page, text: string) =>
  page.getByRole("list", { name: "Messages" }).getByRole("article").filter({ hasText: text }).first();

type Kind = "rename" | "open";

// Plain JavaScript, sent as source: tsx would otherwise wrap the nested functions in a helper the page lacks.
const ARM = `({ kind, text }) => {
  const visible = (element) => element !== null && element.getClientRects().length > 0;
  const shown =
    kind === "rename"
      ? () => {
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const value = node.nodeValue.trim();
            const parent = node.parentElement;
            if (!value || !parent || !text.includes(value) || parent.closest("input, textarea, form")) continue;
            if (parent.textContent.trim() === text && visible(parent)) return true;
          }
          return false;
        }
      : () => Array.from(document.querySelectorAll('article, [role="article"]')).some((element) => element.textContent.includes(text) && visible(element));
  if (shown()) throw new Error(\`"\${text}" already shown before the \${kind}\`);
  const type = kind === "rename" ? "keydown" : "click";
  let start;
  const onEvent = (event) => {
    if (kind === "rename" && event.key !== "Enter") return;
    if (start === undefined) start = performance.now();
    document.removeEventListener(type, onEvent, true);
  };
  document.addEventListener(type, onEvent, true);
  performance.clearResourceTimings();
  window.__benchDone = new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if (start === undefined || !shown()) return;
      observer.disconnect();
      resolve({ start, total: performance.now() - start });
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    setTimeout(() => {
      observer.disconnect();
      reject(new Error(\`\${kind} of "\${text}" not shown within 30 s\`));
    }, 30_000);
  });
}`;

/**
 * Starts the clock in the page at the next Enter keydown (rename) or click (open), and stops it at the
 * first DOM mutation after which the result shows: for a rename, a visible element (not a form field)
 * whose whole text is the new title; for an open, a visible message (article) containing the text.
 */
async function arm(page: Page, kind: Kind, text: string): Promise<void> {
  await page.evaluate(`(${ARM})(${JSON.stringify({ kind, text })})`);
}

interface Timing {
  /** From the event to the DOM showing the result. */
  total: number;
  /** From the event to the first request leaving the page; null when the action sent none. */
  wait: number | null;
}

// How long after `start` the page's first request left, read once that request's entry is complete:
// what the action waited in the page (behind the tab's own requests) before reaching the server.
const FIRST_REQUEST = `(start) => new Promise((resolve) => {
  const since = performance.now();
  const check = () => {
    const first = performance
      .getEntriesByType("resource")
      .filter((entry) => (entry.initiatorType === "fetch" || entry.initiatorType === "xmlhttprequest") && entry.startTime >= start)
      .reduce((min, entry) => Math.min(min, entry.startTime), Infinity);
    if (first !== Infinity) resolve(first - start);
    else if (performance.now() - since > 1000) resolve(null);
    else setTimeout(check, 20);
  };
  check();
})`;

async function elapsed(page: Page, settled: () => Promise<void>): Promise<Timing> {
  const { start, total } = (await page.evaluate("window.__benchDone")) as { start: number; total: number };
  await settled();
  const wait = (await page.evaluate(`(${FIRST_REQUEST})(${start})`)) as number | null;
  return { total, wait };
}

/** Renames a conversation from the page's sidebar; returns the milliseconds from Enter to the new title shown. */
async function rename(page: Page, from: string, to: string): Promise<Timing> {
  await sidebar(page)
    .getByRole("button", { name: `Rename ${from}`, exact: true })
    .click();
  const box = page.getByRole("textbox", { name: "Conversation title" });
  await box.fill(to);
  await arm(page, "rename", to);
  await box.press("Enter");
  return elapsed(page, () => expect(entry(page, to)).toBeVisible());
}

/** Opens a conversation from the page's sidebar; returns the milliseconds from the click to `text` shown in its messages. */
async function open(page: Page, title: string, text: string): Promise<Timing> {
  await arm(page, "open", text);
  await entry(page, title).click();
  return elapsed(page, () => expect(messageWith(page, text)).toBeVisible());
}

await runScenario(async ({ quick }) => {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const server = spawn("node", [".next/standalone/server.js"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOSTNAME: "0.0.0.0",
      OFFLINE_MODEL_DELAY_MS: String(DELAY_MS),
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  // The same browser and flags as the end-to-end suite.
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions);
  try {
    await waitForServer(`${base}/`, 60_000);

    // Seeded by real turns; every first message fits a title (60 characters), so titles equal them.
    const seeds = {
      x: "Conversation X, followed by both tabs",
      y: "Conversation Y, renamed from the sidebar",
      z: "Conversation Z, opened from the sidebar",
      w: "Conversation W, renamed by the sending tab",
      others: ["Plans and prices for the team", "Seats for next quarter", "Holiday schedule", "Notes on the migration"],
    };
    const ids = { x: randomUUID(), y: randomUUID(), z: randomUUID(), w: randomUUID(), others: seeds.others.map(() => randomUUID()) };
    const turn = async (id: string, text: string) => {
      const response = await fetch(`${base}/api/chat`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ id, message: { id: randomUUID(), role: "user", parts: [{ type: "text", text }] } }),
      });
      await response.text();
      if (!response.ok) throw new Error(`seeding turn failed: ${response.status}`);
    };
    await Promise.all([
      turn(ids.x, seeds.x),
      turn(ids.y, seeds.y),
      turn(ids.z, seeds.z),
      turn(ids.w, seeds.w),
      ...seeds.others.map((text, i) => turn(ids.others[i], text)),
    ]);

    const context = await browser.newContext({ ...devices["Desktop Chrome"], baseURL: base });
    const pageErrors: string[] = [];
    const a = await context.newPage();
    await a.goto("/");
    await a.evaluate(
      ({ known, active }) => {
        localStorage.setItem("memory-chat:conversations", JSON.stringify(known));
        localStorage.setItem("memory-chat:active", active);
      },
      { known: [ids.x, ids.y, ids.z, ids.w, ...ids.others], active: ids.x },
    );
    await a.goto(`/c/${ids.x}`);
    const b = await context.newPage();
    await b.goto(`/c/${ids.x}`);
    // Server actions (POSTs with a Next-Action header) the following tab sends, with their durations.
    const actionsOfA: { at: number; ms?: number }[] = [];
    const started = new Map<import("@playwright/test").Request, { at: number; ms?: number }>();
    a.on("request", (request) => {
      if (request.method() !== "POST" || !request.headers()["next-action"]) return;
      const record = { at: Date.now() };
      actionsOfA.push(record);
      started.set(request, record);
    });
    a.on("requestfinished", (request) => {
      const record = started.get(request);
      if (record) record.ms = Date.now() - record.at;
      started.delete(request);
    });
    for (const page of [a, b]) {
      page.on("pageerror", (error) => pageErrors.push(error.message));
      await expect(messageWith(page, seeds.x)).toBeVisible({ timeout: 30_000 });
      await expect(entry(page, seeds.y)).toBeVisible();
    }

    const iterations = quick ? 10 : 30;
    const samples = {
      live: { renameA: [] as Timing[], openA: [] as Timing[], renameB: [] as Timing[] },
      idle: { renameA: [] as Timing[], openA: [] as Timing[], renameB: [] as Timing[] },
    };
    let titleY = seeds.y;
    let titleW = seeds.w;
    let latestX = seeds.x;
    let replyEndedEarly = 0;
    let replyMs = 0;
    let watchedMs = 0;
    const watchedActions: { at: number; ms?: number }[] = [];

    const round = async (mode: "live" | "idle", i: number) => {
      let sentAt = 0;
      if (mode === "live") {
        // Short words make many tokens: the reply quotes the message (up to 400 characters), about 250 tokens.
        latestX = `Turn ${i}, a long one:`;
        await b.bringToFront();
        const box = b.getByRole("textbox", { name: "Message" });
        await box.fill(`${latestX} ${"a ".repeat(200)}`);
        sentAt = Date.now();
        await box.press("Enter");
        await expect(b.getByRole("button", { name: "Stop" })).toBeVisible();
        // The user switches to tab A, which follows the reply it did not send: wait until it shows the new turn.
        await expect(messageWith(a, latestX)).toBeVisible({ timeout: 15_000 });
        // A quiet second, the user idle: what the following tab asks of the server meanwhile.
        const from = Date.now();
        await sleep(WATCH_MS);
        watchedMs += Date.now() - from;
        watchedActions.push(...actionsOfA.filter((action) => action.at >= from && action.at < from + WATCH_MS));
      }
      // Each action in the tab the user is in (brought to front), after a random wait within a refresh period.
      const into = samples[mode];
      await a.bringToFront();
      await jitter();
      const nextY = `Y renamed ${mode} ${i}`;
      into.renameA.push(await rename(a, titleY, nextY));
      titleY = nextY;
      // The sending tab's rename comes before tab A opens Z, so that tab A still follows the reply meanwhile.
      await b.bringToFront();
      await jitter();
      const nextW = `W renamed ${mode} ${i}`;
      into.renameB.push(await rename(b, titleW, nextW));
      titleW = nextW;
      await a.bringToFront();
      await jitter();
      into.openA.push(await open(a, seeds.z, seeds.z));
      if (mode === "live") {
        await b.bringToFront();
        const stop = b.getByRole("button", { name: "Stop" });
        if (await stop.isVisible()) await stop.click();
        else replyEndedEarly++;
        await expect(b.getByRole("button", { name: "Send" })).toBeVisible({ timeout: 30_000 });
        replyMs += Date.now() - sentAt;
      }
      // Back to X in tab A for the next round.
      await a.bringToFront();
      await entry(a, seeds.x).click();
      await expect(messageWith(a, latestX)).toBeVisible({ timeout: 15_000 });
      await sleep(200);
    };

    // Warm-up rounds, not counted.
    await round("live", 0);
    await round("idle", 0);
    for (const mode of ["live", "idle"] as const) for (const key of ["renameA", "openA", "renameB"] as const) samples[mode][key].length = 0;
    replyEndedEarly = 0;
    replyMs = 0;
    watchedMs = 0;
    watchedActions.length = 0;
    for (let i = 1; i <= iterations; i++) {
      // Interleaved, alternating which goes first, so drift in machine load hits both alike.
      if (i % 2) {
        await round("live", i);
        await round("idle", i);
      } else {
        await round("idle", i);
        await round("live", i);
      }
    }
    await context.close();

    const conditions = {
      iterations,
      model: `offline, ${DELAY_MS} ms per token`,
      reply: "about 250 tokens, stopped after the measurements",
      timing: "in the page, from Enter or click to the DOM showing the result",
      pageErrors: pageErrors.length,
    };
    const metrics: Metric[] = [];
    const labels = {
      renameA: ["rename in the tab following a live reply", "rename"],
      openA: ["open another conversation in the tab following a live reply", "open another conversation"],
      renameB: ["rename in the sending tab while its reply streams", "rename in the other tab"],
    } as const;
    for (const key of ["renameA", "openA", "renameB"] as const) {
      const [liveLabel, idleLabel] = labels[key];
      const live = samples.live[key].map((timing) => timing.total);
      const idle = samples.idle[key].map((timing) => timing.total);
      metrics.push(
        metric(SCENARIO, `${liveLabel}, p50`, percentile(live, 50), "ms", conditions),
        metric(SCENARIO, `${liveLabel}, p95`, percentile(live, 95), "ms", conditions),
        metric(SCENARIO, `${idleLabel}, no reply in progress, p50`, percentile(idle, 50), "ms", conditions),
        metric(SCENARIO, `${idleLabel}, no reply in progress, p95`, percentile(idle, 95), "ms", conditions),
        metric(SCENARIO, `${idleLabel}: live / no reply, p50`, percentile(live, 50) / percentile(idle, 50), "x", conditions),
      );
      // Of that, the time before the action's first request left the page (queued behind the tab's own requests).
      for (const [mode, label] of [
        ["live", liveLabel],
        ["idle", `${idleLabel}, no reply in progress`],
      ] as const) {
        const waits = samples[mode][key].flatMap((timing) => (timing.wait === null ? [] : [timing.wait]));
        if (waits.length === 0) continue;
        const waitConditions = { ...conditions, withoutRequest: samples[mode][key].length - waits.length };
        metrics.push(
          metric(SCENARIO, `${label}: wait before its first request, p50`, percentile(waits, 50), "ms", waitConditions),
          metric(SCENARIO, `${label}: wait before its first request, p95`, percentile(waits, 95), "ms", waitConditions),
        );
      }
    }
    // The clearest sign of the queue: how many of the following tab's actions were held back at all.
    for (const [mode, label] of [
      ["live", "while it follows a live reply"],
      ["idle", "no reply in progress"],
    ] as const) {
      const waits = [...samples[mode].renameA, ...samples[mode].openA].flatMap((timing) => (timing.wait === null ? [] : [timing.wait]));
      const held = waits.filter((wait) => wait > HELD_MS).length;
      metrics.push(
        metric(SCENARIO, `tab A's actions held > ${HELD_MS} ms before their first request, ${label}`, (held / waits.length) * 100, "%", {
          ...conditions,
          held,
          actions: waits.length,
        }),
      );
    }
    const durations = watchedActions.flatMap((action) => (action.ms === undefined ? [] : [action.ms]));
    metrics.push(
      metric(SCENARIO, "server actions the following tab sends, user idle", (watchedActions.length / watchedMs) * 1000, "per s", {
        ...conditions,
        actions: watchedActions.length,
        watchedMs,
        window: `the ${WATCH_MS} ms after tab A shows the turn, in each live round`,
      }),
      ...(durations.length > 0
        ? [
            metric(SCENARIO, "duration of those server actions, p50", percentile(durations, 50), "ms", {
              ...conditions,
              actions: durations.length,
            }),
          ]
        : []),
      metric(
        SCENARIO,
        "rounds whose reply ended before the measurements did",
        replyEndedEarly,
        "rounds",
        { ...conditions, meanReplyLiveMs: Math.round(replyMs / iterations) },
        { op: "<=", value: 0 },
      ),
    );
    // BENCH_SAMPLES=1 prints every sample (ms) on stderr.
    if (process.env.BENCH_SAMPLES) console.error(JSON.stringify(samples));
    return metrics;
  } finally {
    await browser.close();
    server.kill("SIGTERM");
  }
});
