import type pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { readMigrationFiles } from "@/lib/db/migrations/files";
import { migrate, rollback } from "@/lib/db/migrations/runner";
import { emptyMemory, memoryBufferSchema } from "@/lib/memory/schema";
import { createTestDatabase, withClient } from "../support/database";

const M003 = "003_create_conversation_session";
const M010 = "010_add_memory_buffer_to_conversation";
const M011 = "011_move_conversation_sessions_into_memory_buffer";
const FROM_010 = readMigrationFiles()
  .map((file) => file.name)
  .filter((name) => name >= M010);
const FROM_011 = FROM_010.slice(1);
const newestFirst = (names: string[]) => [...names].reverse();

/** md5 over every row of a table in id order: equal checksums mean identical contents. */
async function checksum(client: pg.Client, table: string, columns = "*"): Promise<string> {
  const { rows } = await client.query<{ sum: string }>(
    `SELECT md5(COALESCE(string_agg(r::text, E'\\n' ORDER BY r.id), '')) AS sum FROM (SELECT ${columns} FROM "${table}") r`,
  );
  return rows[0].sum;
}

// The columns as the pre-010 schema has them: later migrations may add columns, never change these.
const CONVERSATION_COLUMNS = `"id", "title", "createdAt", "updatedAt"`;
const MESSAGE_COLUMNS = `"id", "conversationId", "seq", "role", "content", "status", "createdAt", "updatedAt"`;

async function snapshot(client: pg.Client) {
  return {
    conversations: await checksum(client, "Conversation", CONVERSATION_COLUMNS),
    messages: await checksum(client, "Message", MESSAGE_COLUMNS),
  };
}

const stored = (type: string, content: string) => ({ type, data: { content, additional_kwargs: {} } });

/** Pre-010 data: conversations with none, one or several sessions, unicode, and odd legacy values. */
async function seedLegacyData(client: pg.Client): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO "Conversation" (title, "createdAt", "updatedAt")
       VALUES ($1, now() - make_interval(days => $2), now() - make_interval(hours => $2)) RETURNING id`,
      [i % 7 === 0 ? null : `Conversation ${i} — ünïcødé ✓`, i],
    );
    const conversationId = rows[0].id;
    for (let seq = 1; seq <= 6; seq++) {
      await client.query(`INSERT INTO "Message" ("conversationId", seq, role, content, status) VALUES ($1, $2, $3, $4, $5)`, [
        conversationId,
        seq,
        seq % 2 ? "user" : "assistant",
        `message ${seq} of ${i}: 'quotes' "and" \\ slashes`,
        seq === 6 && i % 5 === 0 ? "stopped" : "complete",
      ]);
    }
    const sessions = i % 4; // 0 to 3 sessions
    for (let s = 0; s < sessions; s++) {
      const memory = {
        chat_history: [stored("human", `hello ${i}/${s}`), stored("ai", `hi ${i}/${s}`)],
        summary: s === sessions - 1 ? `summary of ${i}` : "",
        preferences: { topic: i % 2 ? "pricing" : "billing", level: 3, empty: null },
        ...(i === 9 ? { extra_legacy_key: [1, 2, 3] } : {}),
      };
      await client.query(
        `INSERT INTO "ConversationSession" ("conversationId", "sessionToken", memory, "expiresAt", "createdAt", "updatedAt")
         VALUES ($1, $2, $3, now() + interval '1 day', now() - make_interval(mins => $4), now() - make_interval(mins => $4))`,
        [conversationId, `token-${i}-${s}`, memory, 60 - s * 10],
      );
    }
  }
}

let url: string;
let before: { conversations: string; messages: string; sessions: string };
let firstUp: { conversations: string; messages: string; memory: string };

beforeAll(async () => {
  url = await createTestDatabase();
  await migrate({ databaseUrl: url, to: M003 });
  before = await withClient(url, async (client) => {
    await seedLegacyData(client);
    return { ...(await snapshot(client)), sessions: await checksum(client, "ConversationSession") };
  });
});

describe("session data through 010 and 011, up, down and up again", () => {
  it("moves the newest session of each conversation into memoryBuffer in the lib/memory format", async () => {
    expect(await migrate({ databaseUrl: url })).toEqual(FROM_010);
    await withClient(url, async (client) => {
      const { rows } = await client.query<{ id: string; title: string | null; memoryBuffer: unknown; sessions: number }>(
        `SELECT c.id, c.title, c."memoryBuffer",
                (SELECT count(*)::int FROM "Message" m WHERE m."conversationId" = c.id) AS messages
         FROM "Conversation" c ORDER BY c."createdAt" DESC`,
      );
      expect(rows).toHaveLength(40);
      rows.forEach((row, i) => {
        if (i % 4 === 0) {
          expect(row.memoryBuffer).toBeNull();
          return;
        }
        const memory = memoryBufferSchema.parse(row.memoryBuffer);
        const newest = (i % 4) - 1;
        expect(memory.short_term_memory.messages.map((m) => m.data.content)).toEqual([`hello ${i}/${newest}`, `hi ${i}/${newest}`]);
        expect(memory.long_term_memory.summary).toBe(`summary of ${i}`);
        expect(memory.user_preferences).toEqual({ topic: i % 2 ? "pricing" : "billing", level: "3" });
        expect(memory.stats.turns).toBe(1);
        expect(memory.legacy_sessions?.sessions).toHaveLength(i % 4);
      });
      const table = await client.query(`SELECT to_regclass('"ConversationSession"') AS t`);
      expect(table.rows[0].t).toBeNull();
      firstUp = { ...(await snapshot(client)), memory: await checksum(client, "Conversation", `id, "memoryBuffer"`) };
    });
    expect(firstUp.conversations).toBe(before.conversations);
    expect(firstUp.messages).toBe(before.messages);
  });

  it("finds migrated preferences through the GIN index's operator", async () => {
    await withClient(url, async (client) => {
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM "Conversation" WHERE "memoryBuffer" @> '{"user_preferences": {"topic": "pricing"}}'`,
      );
      // Odd conversations with at least one session: i % 2 = 1 and i % 4 in (1, 3).
      expect(rows[0].n).toBe(20);
    });
  });

  it("rolls back to before 010 with every row of every table unchanged", async () => {
    expect(await rollback({ databaseUrl: url, to: M010 })).toEqual(newestFirst(FROM_010));
    await withClient(url, async (client) => {
      expect(await snapshot(client)).toEqual({ conversations: before.conversations, messages: before.messages });
      expect(await checksum(client, "ConversationSession")).toBe(before.sessions);
      const column = await client.query(
        `SELECT 1 FROM information_schema.columns WHERE table_name = 'Conversation' AND column_name = 'memoryBuffer'`,
      );
      expect(column.rowCount).toBe(0);
    });
  });

  it("migrates up again to exactly the same memory", async () => {
    expect(await migrate({ databaseUrl: url })).toEqual(FROM_010);
    await withClient(url, async (client) => {
      expect(await snapshot(client)).toEqual({ conversations: before.conversations, messages: before.messages });
      expect(await checksum(client, "Conversation", `id, "memoryBuffer"`)).toBe(firstUp.memory);
    });
  });

  it("carries memory changed after the migration back into sessions, and forward again", async () => {
    const changed = await withClient(url, async (client) => {
      const { rows } = await client.query<{ id: string }>(
        `UPDATE "Conversation" SET "memoryBuffer" = jsonb_set("memoryBuffer", '{user_preferences,name}', '"Ada"')
         WHERE id = (SELECT id FROM "Conversation" WHERE "memoryBuffer" IS NOT NULL ORDER BY id LIMIT 1) RETURNING id`,
      );
      const fresh = await client.query<{ id: string }>(
        `INSERT INTO "Conversation" (title, "memoryBuffer") VALUES ('after 011', $1) RETURNING id`,
        [{ ...emptyMemory(), user_preferences: { topic: "new" } }],
      );
      return { edited: rows[0].id, fresh: fresh.rows[0].id };
    });
    const memoryOf = async (client: pg.Client, id: string) =>
      (await client.query(`SELECT "memoryBuffer" - 'legacy_sessions' AS m FROM "Conversation" WHERE id = $1`, [id])).rows[0].m;
    const expected = await withClient(url, async (client) => ({
      edited: await memoryOf(client, changed.edited),
      fresh: await memoryOf(client, changed.fresh),
    }));

    expect(await rollback({ databaseUrl: url, to: M011 })).toEqual(newestFirst(FROM_011));
    await withClient(url, async (client) => {
      const { rows } = await client.query(
        `SELECT "conversationId", memory FROM "ConversationSession" WHERE "conversationId" IN ($1, $2) ORDER BY "updatedAt" DESC`,
        [changed.edited, changed.fresh],
      );
      const byConversation = (id: string) => rows.find((row) => row.conversationId === id)?.memory;
      expect(byConversation(changed.edited).preferences.name).toBe("Ada");
      expect(byConversation(changed.edited).memory_buffer).toEqual(expected.edited);
      expect(byConversation(changed.fresh).preferences).toEqual({ topic: "new" });
      const buffers = await client.query(`SELECT count(*)::int AS n FROM "Conversation" WHERE "memoryBuffer" IS NOT NULL`);
      expect(buffers.rows[0].n).toBe(0);
    });

    expect(await migrate({ databaseUrl: url })).toEqual(FROM_011);
    await withClient(url, async (client) => {
      expect(await memoryOf(client, changed.edited)).toEqual(expected.edited);
      expect(await memoryOf(client, changed.fresh)).toEqual(expected.fresh);
    });
  });

  it("refuses to roll back 010 while a conversation holds memory, and changes nothing", async () => {
    await rollback({ databaseUrl: url, to: M011 });
    await withClient(url, async (client) => {
      await client.query(`UPDATE "Conversation" SET "memoryBuffer" = '{"version": 1}' WHERE title = 'after 011'`);
    });
    await expect(rollback({ databaseUrl: url })).rejects.toThrow(/hold memory in "memoryBuffer"/);
    await withClient(url, async (client) => {
      const { rows } = await client.query(`SELECT "memoryBuffer" FROM "Conversation" WHERE title = 'after 011'`);
      expect(rows[0].memoryBuffer).toEqual({ version: 1 });
    });
  });
});
