import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clearMemory } from "@/app/actions/memory";
import { settleRuns } from "@/lib/conversations/turn/reply-run";
import { pool } from "@/lib/db/client";
import { selectReplayMessages } from "@/lib/db/queries/branch-queries";
import { memoryLimits } from "@/lib/env";
import { type MemoryClear, readClears } from "@/lib/memory/clears";
import { type ReplayedMessage, type ReplayState, replayMessage } from "@/lib/memory/replay";
import { emptyMemory } from "@/lib/memory/schema";
import { clearedMemory } from "@/lib/memory/update";
import { contributionOf, deriveSaved } from "@/lib/saved-memories/derive-saved";
import { readSavedMemories } from "@/lib/saved-memories/read-saved";
import { noEdits } from "@/lib/saved-memories/saved-edits";
import { setUpAppDatabase } from "../support/app-database";
import { chatBody, postChat, readTurn } from "../support/chat";

setUpAppDatabase();

const STATEMENTS = [
  "My name is Ada.",
  "My name is Bea.",
  "I live in Paris.",
  "I moved to Rome.",
  "I work at Initech.",
  "I work for Globex.",
  "I prefer tea.",
  "I am a climber.",
  "Hello there.",
];

type Op =
  | { kind: "turn"; chat: number; text: string; on: boolean }
  | { kind: "edit"; chat: number; pick: number; text: string; on: boolean }
  | { kind: "clear"; chat: number; scope: "summary" | "preferences" | "all" };

const chat = fc.integer({ min: 0, max: 2 });
const text = fc.constantFrom(...STATEMENTS);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("turn" as const), chat, text, on: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("edit" as const), chat, pick: fc.nat(), text, on: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("clear" as const),
      chat,
      scope: fc.constantFrom("summary" as const, "preferences" as const, "all" as const),
    }),
  },
);

/** The user messages on a conversation's current branch. */
async function userMessagesOnPath(id: string): Promise<{ id: string }[]> {
  const { rows } = await pool().query<{ id: string }>(
    `SELECT m."id" FROM "Message" m JOIN "Conversation" c ON c."id" = m."conversationId"
     WHERE m."conversationId" = $1 AND m."role" = 'user'
       AND EXISTS (SELECT 1 FROM unnest(c."pathBranches", c."pathEnds") AS p(b, e) WHERE p.b = m."branch" AND m."seq" <= p.e)
     ORDER BY m."seq"`,
    [id],
  );
  return rows;
}

/** A conversation's memory computed from scratch: its current branch's messages replayed, each clear applied after the messages it followed. */
async function fromScratch(id: string) {
  const { rows } = await pool().query<{ title: string | null; pathBranches: number[]; pathEnds: number[]; memoryClears: unknown }>(
    `SELECT "title", "pathBranches", "pathEnds", "memoryClears" FROM "Conversation" WHERE "id" = $1`,
    [id],
  );
  if (!rows[0]) return null;
  const messages = (await selectReplayMessages(id, 0, 2_147_483_647, { branches: rows[0].pathBranches, ends: rows[0].pathEnds }, pool()))
    .filter((row) => row.role !== "system" && row.status !== "streaming")
    .map((row) => ({ ...row, status: row.status as ReplayedMessage["status"] }) as ReplayedMessage);
  const clears: MemoryClear[] = [...readClears(rows[0].memoryClears)].sort((a, b) => a.through - b.through);
  let state: ReplayState = { memory: emptyMemory(), lastUser: null };
  const applyClearsBefore = (seq: number) => {
    while (clears.length > 0 && clears[0].through < seq) {
      const clear = clears.shift() as MemoryClear;
      state = { ...state, memory: clearedMemory(state.memory, clear.scope, new Date(clear.at)) };
    }
  };
  for (const message of messages) {
    applyClearsBefore(message.seq);
    state = replayMessage(state, message, memoryLimits());
  }
  applyClearsBefore(Number.POSITIVE_INFINITY);
  return contributionOf(id, rows[0].title ?? "Untitled", state.memory, new Date(0).toISOString());
}

describe("saved memories", () => {
  it("after any turns, edits and clears across three chats, equal those computed from scratch from each chat's current branch", async () => {
    let nonEmpty = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        const memory = randomUUID();
        const chats = [randomUUID(), randomUUID(), randomUUID()];
        for (const step of ops) {
          const id = chats[step.chat];
          if (step.kind === "turn") {
            expect((await readTurn(await postChat({ ...chatBody(id, step.text), ...(step.on && { memory }) }))).error).toBeUndefined();
          } else if (step.kind === "edit") {
            const users = await userMessagesOnPath(id);
            if (users.length === 0) continue;
            const edit = users[step.pick % users.length].id;
            expect(
              (await readTurn(await postChat({ ...chatBody(id, step.text), edit, ...(step.on && { memory }) }))).error,
            ).toBeUndefined();
          } else {
            await clearMemory({ id, scope: step.scope });
          }
          await settleRuns();
        }
        const contributions = (await Promise.all(chats.map(fromScratch))).filter((c) => c !== null);
        // Only conversations that feed this memory count: those started with it on.
        const feeding = await pool().query<{ id: string }>(`SELECT "id" FROM "Conversation" WHERE "memoryId" = $1`, [memory]);
        const mine = contributions.filter((c) => feeding.rows.some((row) => row.id === c.conversationId));
        const expected = deriveSaved(mine, noEdits());
        expect(await readSavedMemories(memory)).toEqual(expected);
        if (expected.length > 0) nonEmpty++;
      }),
      { numRuns: 25 },
    );
    // The property held on saved memories that had something in them, not only on empty ones.
    expect(nonEmpty).toBeGreaterThan(5);
  }, 120_000);
});
