import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { POST as importRoute } from "@/app/api/conversations/import/route";
import type { ImportedSummary } from "@/lib/conversations/import/import-conversations";
import { MESSAGE_PAGE_MAX_BYTES, MESSAGE_PAGE_SIZE } from "@/lib/conversations/inputs";
import { pageLength } from "@/lib/conversations/page-length";
import { getConversationPage } from "@/lib/conversations/read";
import { getSharedPage, shareConversation } from "@/lib/conversations/share";
import { setUpAppDatabase } from "../support/app-database";

setUpAppDatabase({ IMPORT_MAX_BYTES: String(20 * 1024 * 1024) });

/** 5 MB of code blocks, the shape that froze the server's render of a shared page. */
async function importHeavy(pairs: number): Promise<ImportedSummary> {
  const block = `\`\`\`\n${"const x = 1; // hello\n".repeat(4_490)}\`\`\``;
  const messages = Array.from({ length: pairs * 2 }, (_, i) =>
    i % 2 === 0 ? { role: "user", content: `Question ${i / 2 + 1}` } : { role: "assistant", content: `${i}\n${block}` },
  );
  const response = await importRoute(
    new Request("http://localhost/api/conversations/import", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "Heavy", messages }),
    }),
  );
  expect(response.status).toBe(201);
  return ((await response.json()) as { conversations: ImportedSummary[] }).conversations[0];
}

const bytes = (messages: { content: string }[]) => messages.reduce((sum, message) => sum + Buffer.byteLength(message.content), 0);

describe("pages are bounded by bytes as well as by count", () => {
  it("cuts a conversation of 5 MB of code into pages of at most MESSAGE_PAGE_MAX_BYTES, losing nothing", async () => {
    const { id } = await importHeavy(50);
    const seen: number[] = [];
    let before: number | undefined;
    for (let pages = 0; pages < 200; pages++) {
      const page = await getConversationPage(id, before, MESSAGE_PAGE_SIZE);
      expect(page.messages.length).toBeGreaterThan(0);
      if (page.messages.length > 1) expect(bytes(page.messages)).toBeLessThanOrEqual(MESSAGE_PAGE_MAX_BYTES);
      seen.unshift(...page.messages.map((message) => message.seq));
      if (!page.hasMore) break;
      before = page.messages[0].seq;
    }
    expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));

    const { token } = await shareConversation(id);
    const shared = await getSharedPage(token, undefined, MESSAGE_PAGE_SIZE);
    expect(shared.hasMore).toBe(true);
    expect(bytes(shared.messages)).toBeLessThanOrEqual(MESSAGE_PAGE_MAX_BYTES);
    expect(shared.messages.at(-1)?.seq).toBe(100);
    const older = await getSharedPage(token, shared.messages[0].seq, MESSAGE_PAGE_SIZE);
    expect(older.messages.at(-1)?.seq).toBe(shared.messages[0].seq - 1);
  });

  it("shows one message whatever its size, and never more than the limit (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 200_000 }), { maxLength: 60 }), fc.integer({ min: 1, max: 60 }), (sizes, limit) => {
        const rows = sizes.map((_, i) => ({ bytesThrough: sizes.slice(0, i + 1).reduce((sum, size) => sum + size, 0) }));
        const length = pageLength(rows, limit, MESSAGE_PAGE_MAX_BYTES);
        expect(length).toBeLessThanOrEqual(Math.min(limit, rows.length));
        if (rows.length > 0) expect(length).toBeGreaterThanOrEqual(1);
        if (length > 1) expect(rows[length - 1].bytesThrough).toBeLessThanOrEqual(MESSAGE_PAGE_MAX_BYTES);
        if (length < Math.min(limit, rows.length)) expect(rows[length].bytesThrough).toBeGreaterThan(MESSAGE_PAGE_MAX_BYTES);
      }),
    );
  });
});
