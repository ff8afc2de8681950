import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as contextRoute } from "@/app/api/conversations/[id]/context/route";
import { POST as importRoute } from "@/app/api/conversations/import/route";
import { consumeLimits } from "@/lib/db/queries/limit-queries";
import { enforceActionLimits } from "@/lib/limits/enforce-limits";
import { setUpAppDatabase } from "../support/app-database";
import { chatBody, postChat, readTurn } from "../support/chat";
import { withClient } from "../support/database";

const database = setUpAppDatabase({
  LIMIT_TURNS_PER_MINUTE_PER_CLIENT: "6",
  LIMIT_TURNS_PER_MINUTE_PER_CONVERSATION: "3",
  LIMIT_NEW_CONVERSATIONS_PER_HOUR_PER_CLIENT: "2",
  LIMIT_IMPORTS_PER_HOUR_PER_CLIENT: "1",
  LIMIT_PREVIEWS_PER_MINUTE_PER_CLIENT: "2",
  LIMIT_ACTIONS_PER_MINUTE_PER_CLIENT: "2",
});

const rows = (sql: string, values: unknown[] = []) => withClient(database.url(), async (client) => (await client.query(sql, values)).rows);
const storedMessages = async (id: string) =>
  (await rows(`SELECT count(*)::int AS n FROM "Message" WHERE "conversationId" = $1`, [id]))[0].n as number;

/** A request from `client`, as the server stamps it (tests/security/limit-rules.test.ts covers proxies). */
const turn = async (client: string, id: string, text = "Hello") => {
  const response = await postChat(chatBody(id, text), { headers: { "x-forwarded-for": client } });
  return { retryAfter: response.headers.get("retry-after"), ...(await readTurn(response)) };
};

const rule = (key: string, limit: number, periodMs: number) => ({ key, stepMs: periodMs / limit, periodMs });
const consume = (rules: ReturnType<typeof rule>[]) =>
  consumeLimits({
    keys: rules.map((r) => r.key),
    stepsMs: rules.map((r) => r.stepMs),
    periodsMs: rules.map((r) => r.periodMs),
    sharedMs: rules.map((r) => r.periodMs),
    reserveStepsMs: rules.map((r) => r.stepMs),
    onlyNew: rules.map(() => false),
    conversationId: null,
    client: "x",
    liveCaps: [],
  });
const emptyAt = async (key: string) => (await rows(`SELECT "emptyAt" FROM "RateLimit" WHERE "key" = $1`, [key]))[0]?.emptyAt as Date;

describe("the limiter statement (a generic cell rate algorithm in PostgreSQL)", () => {
  it("allows a burst of the limit, refuses the next with the wait until one fits, and refills steadily", async () => {
    const five = rule(`burst:${randomUUID()}`, 5, 1_000);
    for (let i = 0; i < 5; i++) expect((await consume([five])).allowed).toBe(true);
    const refused = await consume([five]);
    expect(refused).toMatchObject({ allowed: false, refusedBy: five.key });
    expect(refused.waitMs).toBeGreaterThan(0);
    expect(refused.waitMs).toBeLessThanOrEqual(200);
    await new Promise((resolve) => setTimeout(resolve, refused.waitMs! + 20));
    expect((await consume([five])).allowed).toBe(true);
    expect((await consume([five])).allowed).toBe(false);
  });

  it("counts all of a request's keys or none: a refusal by one leaves the others as they were", async () => {
    const tight = rule(`tight:${randomUUID()}`, 1, 60_000);
    const loose = rule(`loose:${randomUUID()}`, 100, 60_000);
    expect((await consume([tight, loose])).allowed).toBe(true);
    const before = await emptyAt(loose.key);
    expect(await consume([tight, loose])).toMatchObject({ allowed: false, refusedBy: tight.key });
    expect(await emptyAt(loose.key)).toEqual(before);
  });

  it("keeps each key's moment to the microsecond: a step of a fraction of a millisecond counts exactly", async () => {
    // Rounded to milliseconds, each quarter step below rounded away (and any moment could round up by
    // half a millisecond, refusing a request at exactly the limit that came within it).
    const key = `fine:${randomUUID()}`;
    const [{ start }] = await rows(
      `INSERT INTO "RateLimit" ("key", "emptyAt") VALUES ($1, date_trunc('second', now()) + interval '1 day')
       RETURNING "emptyAt"::text AS start`,
      [key],
    );
    for (let i = 0; i < 10; i++) {
      expect((await consume([{ key, stepMs: 0.25, periodMs: 2 * 86_400_000 }])).allowed).toBe(true);
    }
    const [{ movedMs }] = await rows(
      `SELECT extract(epoch FROM "emptyAt" - $2::timestamptz) * 1000 AS "movedMs" FROM "RateLimit" WHERE "key" = $1`,
      [key, start],
    );
    expect(Number(movedMs)).toBe(2.5);
  });

  it("lets exactly the limit through when many requests race for a key seen for the first time", async () => {
    const ten = rule(`race:${randomUUID()}`, 10, 60_000);
    const verdicts = await Promise.all(Array.from({ length: 40 }, () => consume([ten])));
    expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(10);
  });
});

describe("limits on chat turns and imports", () => {
  it("refuses a conversation's 4th turn in a minute with 429 RATE_LIMITED and Retry-After, storing nothing of it", async () => {
    const id = randomUUID();
    for (let i = 0; i < 3; i++) expect((await turn("198.51.100.1", id)).status).toBe(200);
    const refused = await turn("198.51.100.2", id, "One more");
    expect(refused.status).toBe(429);
    expect(refused.error).toEqual({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/^This conversation is receiving messages too quickly\. Try again in \d+ seconds?\.$/),
      retryAfter: Number(refused.retryAfter),
    });
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(20);
    expect(await storedMessages(id)).toBe(6);
  });

  it("limits new conversations per client, while the client's existing conversations go on", async () => {
    const client = "203.0.113.77";
    const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];
    expect((await turn(client, first)).status).toBe(200);
    expect((await turn(client, second)).status).toBe(200);
    const refused = await turn(client, third);
    expect(refused).toMatchObject({ status: 429, error: { code: "RATE_LIMITED" } });
    expect(refused.error?.message).toMatch(/^You have started too many conversations\. Try again in \d+ minutes\.$/);
    expect(await storedMessages(third)).toBe(0);
    expect((await turn(client, first, "Still here")).status).toBe(200);
    expect((await turn("203.0.113.78", third)).status).toBe(200);
  });

  it("limits turns per client across conversations, and an address prepended by the client changes nothing", async () => {
    const client = "192.0.2.200";
    const ids = [randomUUID(), randomUUID()];
    await rows(`INSERT INTO "Conversation" ("id") SELECT unnest($1::uuid[])`, [ids]);
    for (let i = 0; i < 6; i++) expect((await turn(`10.${i}.0.1, ${client}`, ids[i % 2])).status).toBe(200);
    expect(await turn(`10.9.0.1, ${client}`, ids[0])).toMatchObject({ status: 429, error: { code: "RATE_LIMITED" } });
  });

  it("adds no rows for refused requests: a client over its limit cannot fill the table with new conversation ids", async () => {
    const client = "192.0.2.201";
    const ids = [randomUUID(), randomUUID()];
    await rows(`INSERT INTO "Conversation" ("id") SELECT unnest($1::uuid[])`, [ids]);
    for (let i = 0; i < 6; i++) expect((await turn(client, ids[i % 2])).status).toBe(200);
    const before = (await rows(`SELECT count(*)::int AS n FROM "RateLimit"`))[0].n;
    for (let i = 0; i < 20; i++) expect((await turn(client, randomUUID())).status).toBe(429);
    expect((await rows(`SELECT count(*)::int AS n FROM "RateLimit"`))[0].n).toBe(before);
  });

  it("counts imports per client, and refuses before the file is checked or stored", async () => {
    const post = () =>
      importRoute(
        new Request("http://localhost/api/conversations/import", {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": "192.0.2.50" },
          body: JSON.stringify({ messages: [{ role: "user", content: "Hi" }] }),
        }),
      );
    expect((await post()).status).toBe(201);
    const refused = await post();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("RATE_LIMITED");
  });

  it("counts previews of what the assistant sees (each runs recall) per client", async () => {
    const id = randomUUID();
    const preview = (client: string) =>
      contextRoute(
        new Request(`http://localhost/api/conversations/${id}/context?message=hello`, { headers: { "x-forwarded-for": client } }),
        { params: Promise.resolve({ id }) },
      );
    expect((await preview("192.0.2.60")).status).toBe(200);
    expect((await preview("192.0.2.60")).status).toBe(200);
    const refused = await preview("192.0.2.60");
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /^You are asking what the assistant sees too often\. Try again in \d+ seconds?\.$/,
    );
    expect((await preview("192.0.2.61")).status).toBe(200);
  });

  it("counts server actions per client, refusing past the limit with when to try again", async () => {
    const from = (client: string) => () => Promise.resolve(client);
    await enforceActionLimits(from("192.0.2.70"));
    await enforceActionLimits(from("192.0.2.70"));
    await expect(enforceActionLimits(from("192.0.2.70"))).rejects.toMatchObject({
      code: "RATE_LIMITED",
      status: 429,
      message: expect.stringMatching(/^You are sending requests too quickly\. Try again in \d+ seconds?\.$/),
    });
    await enforceActionLimits(from("192.0.2.71"));
    expect(await emptyAt("actions:client:192.0.2.70")).toBeInstanceOf(Date);
    // One action over many conversations counts as several: here it uses the whole minute's two.
    await enforceActionLimits(from("192.0.2.72"), 2);
    await expect(enforceActionLimits(from("192.0.2.72"))).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });

  it("counts an IPv6 client's requests against its /48 too, so that a holder of 65,536 /64s gets 16 clients' share", async () => {
    const from = (client: string) => () => Promise.resolve(client);
    // Two actions a minute per client: 32 for the /48, whichever of its /64s they come from (33 if one
    // refilled meanwhile, on a slow machine). A /64 refused on its own moves on to the next.
    let accepted = 0;
    let refusal: { message?: string } | undefined;
    for (let i = 0; i < 64 && !refusal; i++) {
      for (let n = 0; n < 2; n++) {
        const failure = await enforceActionLimits(from(`2001:db8:5:${i.toString(16)}::/64`)).then(
          () => void accepted++,
          (error: { message?: string }) => error,
        );
        if (failure?.message?.startsWith("Your network")) refusal = failure;
        if (failure) break;
      }
    }
    expect(accepted).toBeGreaterThanOrEqual(32);
    expect(accepted).toBeLessThanOrEqual(33);
    expect(refusal).toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/^Your network is sending requests too quickly\. Try again in \d+ seconds?\.$/),
    });
    // Another /48 is another network.
    await enforceActionLimits(from("2001:db8:6:1::/64"));
  });
});
