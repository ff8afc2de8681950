import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settleAfterTurn } from "@/lib/conversations/turn/after-turn";
import { DAY_MS } from "@/lib/limits/limit-rules";
import { LIMIT_VARIABLES } from "@/lib/limits/limit-variables";
import { setUpAppDatabase } from "../support/app-database";
import { chatBody, postChat, readTurn } from "../support/chat";
import { withClient } from "../support/database";
import { type OpenAIStub, startOpenAIStub } from "../support/openai-stub";

// How many turns a client gets from the daily token budget at the defaults, through the real ChatOpenAI
// path (an OpenAI-compatible stub): every model call counted as the app counts it (the turn at its most,
// extraction, titles, summaries). Memory and output limits at their defaults; no embedding model.
const PER_CLIENT = LIMIT_VARIABLES.LIMIT_TOKENS_PER_DAY_PER_CLIENT.fallback;
const database = setUpAppDatabase({
  LIMIT_TOKENS_PER_DAY_PER_CLIENT: String(PER_CLIENT),
  LIMIT_TOKENS_PER_DAY: String(LIMIT_VARIABLES.LIMIT_TOKENS_PER_DAY.fallback),
});
let stub: OpenAIStub;
beforeAll(async () => {
  stub = await startOpenAIStub(0, 0);
  process.env.OPENAI_BASE_URL = stub.url;
});
afterAll(() => stub.close());

/** A day's use: conversations of 10 turns; every other message says something about the user (extraction runs). */
const TOPICS = ["a hiking trip in the Alps", "learning Spanish", "a garden on a balcony", "a job interview", "training for a 10 km run"];
const message = (turn: number) => {
  const topic = TOPICS[Math.floor(turn / 10) % TOPICS.length];
  return turn % 2 === 0
    ? `I am planning ${topic} and I prefer to keep it simple, since I work long hours as a nurse. My name is Sam. Turn ${turn}.`
    : `What are the three most important things to get right about ${topic}, and what should I do first this week? Turn ${turn}.`;
};

describe("turns a day per client at the default token budget", () => {
  it("is measured by sending turns until the budget refuses one", async () => {
    const client = "192.0.2.44";
    let turns = 0;
    let conversationId = randomUUID();
    for (;;) {
      if (turns % 10 === 0) conversationId = randomUUID();
      const result = await readTurn(await postChat(chatBody(conversationId, message(turns)), { headers: { "x-forwarded-for": client } }));
      if (result.error) {
        expect(result.error.message).toMatch(/^You have used today's share of the model\./);
        break;
      }
      turns++;
      await settleAfterTurn();
    }
    const [{ usedMs }] = (
      await withClient(database.url(), (db) =>
        db.query(`SELECT extract(epoch FROM "emptyAt" - now()) * 1000 AS "usedMs" FROM "RateLimit" WHERE "key" = $1`, [
          `tokens:client:${client}`,
        ]),
      )
    ).rows;
    const charged = (Number(usedMs) / DAY_MS) * PER_CLIENT;
    const calls = stub.requests.length;
    console.log(`${turns} turns a day at ${PER_CLIENT} tokens: ${Math.round(charged / turns)} tokens charged a turn, ${calls} model calls`);
    expect(turns).toBeGreaterThanOrEqual(35);
  });
});
