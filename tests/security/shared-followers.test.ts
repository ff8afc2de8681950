import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { GET as resume } from "@/app/api/chat/[id]/stream/route";
import { pool } from "@/lib/db/client";
import { EVENTS_CHANNEL } from "@/lib/db/queries/event-queries";
import { setUpAppDatabase } from "../support/app-database";
import { readTurn } from "../support/chat";
import { withClient } from "../support/database";

// Followers of a reply that another instance generates: each change costs this instance one database
// read, whatever the number of followers (lib/conversations/live-feed.ts).
const database = setUpAppDatabase();
const sql = (text: string, params: unknown[] = []) => withClient(database.url(), (client) => client.query(text, params));
const FOLLOWERS = 30;

describe("followers of a reply on another instance", () => {
  it(`share one database read per change: ${FOLLOWERS} followers cost what one does`, async () => {
    const id = randomUUID();
    const messageId = randomUUID();
    await sql(`INSERT INTO "Conversation" (id, "lastSeq") VALUES ($1, 2)`, [id]);
    await sql(`INSERT INTO "Message" ("conversationId", seq, role, content) VALUES ($1, 1, 'user', 'hi')`, [id]);
    await sql(
      `INSERT INTO "Message" (id, "conversationId", seq, role, content, status, generator)
       VALUES ($2, $1, 2, 'assistant', 'Hel', 'streaming', 'elsewhere:1')`,
      [id, messageId],
    );
    const followers = Array.from({ length: FOLLOWERS }, (_, i) =>
      resume(new Request(`http://localhost/api/chat/${id}/stream`, { headers: { "x-forwarded-for": `192.0.2.${i + 1}` } }), {
        params: Promise.resolve({ id }),
      }).then(readTurn),
    );
    // Every follower has read what exists so far.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const query = vi.spyOn(pool(), "query");
    const reads = () => query.mock.calls.filter(([config]) => (config as { name?: string }).name === "select_messages_by_id").length;
    try {
      const changes = [
        ["Hello", "streaming"],
        ["Hello, wor", "streaming"],
        ["Hello, world.", "complete"],
      ] as const;
      for (const [content, status] of changes) {
        await sql(`UPDATE "Message" SET content = $2, status = $3, "updatedAt" = now() WHERE id = $1`, [messageId, content, status]);
        const event = status === "complete" ? { conversationId: id, messageId, kind: "end" } : { kind: "flush", instance: "elsewhere:1" };
        await sql(`SELECT pg_notify($1, $2)`, [EVENTS_CHANNEL, JSON.stringify(event)]);
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      const results = await Promise.all(followers);
      expect(results.map((result) => result.text)).toEqual(Array(FOLLOWERS).fill("Hello, world."));
      expect(reads()).toBeGreaterThanOrEqual(1);
      expect(reads()).toBeLessThanOrEqual(changes.length);
    } finally {
      query.mockRestore();
    }
  });
});
