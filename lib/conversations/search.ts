import "server-only";
import { Prisma } from "../db/generated/client";
import { db } from "../db/client";
import type { SearchInput } from "./inputs";
import type { ConversationSummary } from "./views";

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/**
 * Among the given conversations, those whose title contains `title` and whose remembered
 * preferences contain `preferences`. The containment is the `@>` that the memoryBuffer GIN index
 * serves; the planner combines it with the id list, probing whichever is more selective.
 */
export function searchQuery(input: SearchInput): Prisma.Sql {
  const conditions = [Prisma.sql`"id" = ANY(${input.ids}::uuid[])`];
  if (input.preferences && Object.keys(input.preferences).length > 0) {
    const containment = JSON.stringify({ user_preferences: input.preferences });
    conditions.push(Prisma.sql`"memoryBuffer" @> ${containment}::jsonb`);
  }
  if (input.title) conditions.push(Prisma.sql`"title" ILIKE ${`%${escapeLike(input.title)}%`}`);
  return Prisma.sql`
    SELECT "id", "title", "createdAt", "updatedAt" FROM "Conversation"
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY "updatedAt" DESC
    LIMIT 100`;
}

export async function searchConversations(input: SearchInput): Promise<ConversationSummary[]> {
  if (input.ids.length === 0) return [];
  const rows = await db().$queryRaw<{ id: string; title: string | null; createdAt: Date; updatedAt: Date }[]>(searchQuery(input));
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}
