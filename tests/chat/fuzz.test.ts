import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as conversations from "@/app/actions/conversations";
import * as memory from "@/app/actions/memory";
import type { ActionResult } from "@/lib/http/action";
import { setUpAppDatabase } from "../support/app-database";
import { postChat, readTurn } from "../support/chat";

setUpAppDatabase();

const actions: Record<string, (input: unknown) => Promise<ActionResult<unknown>>> = {
  getConversation: conversations.getConversation,
  listConversations: conversations.listConversations,
  renameConversation: conversations.renameConversation,
  deleteConversation: conversations.deleteConversation,
  searchConversations: conversations.searchConversations,
  getMemory: memory.getMemory,
  updatePreferences: memory.updatePreferences,
  clearMemory: memory.clearMemory,
};

const nasty = fc.oneof(
  fc.constantFrom("' OR 1=1 --", "\u0000", "\ud800", '{"user_preferences":{}}', "a".repeat(5000), "../../etc/passwd", "%_\\"),
  fc.string({ unit: "binary" }),
);
const id = fc.oneof(fc.uuid(), nasty, fc.constant(randomUUID()));
const plausible = fc.record(
  {
    id,
    ids: fc.array(id, { maxLength: 5 }),
    title: nasty,
    before: fc.oneof(fc.integer(), fc.double()),
    limit: fc.oneof(fc.integer(), fc.constant(1e9)),
    scope: fc.oneof(fc.constantFrom("summary", "preferences", "all"), nasty),
    changes: fc.array(fc.record({ key: nasty, value: fc.oneof(nasty, fc.constant(null)) }), { maxLength: 3 }),
    preferences: fc.dictionary(nasty, nasty, { maxKeys: 3 }),
  },
  { requiredKeys: [] },
);
const anyInput = fc.oneof(fc.anything(), plausible, fc.array(id));

describe("arbitrary input never produces a 500 or a thrown error", () => {
  for (const [name, action] of Object.entries(actions)) {
    it(`${name}`, async () => {
      await fc.assert(
        fc.asyncProperty(anyInput, async (input) => {
          const result = await action(input);
          expect(typeof result.ok).toBe("boolean");
          if (!result.ok) {
            expect(result.error.code).not.toBe("INTERNAL");
            expect(result.error.message).not.toMatch(/\n\s+at /);
          }
        }),
        { numRuns: 60 },
      );
    });
  }

  it("POST /api/chat", async () => {
    const body = fc.oneof(
      fc.anything(),
      fc.record({ id, message: fc.anything() }, { requiredKeys: [] }),
      fc.record({
        id: fc.uuid(),
        message: fc.record({
          id: fc.oneof(fc.uuid(), nasty),
          role: fc.constantFrom("user", "assistant", "system"),
          parts: fc.array(fc.record({ type: fc.constantFrom("text", "file"), text: nasty }), { maxLength: 3 }),
        }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (input) => {
        const text = JSON.stringify(input) ?? "null";
        const result = await readTurn(await postChat(text));
        expect(result.status).toBeLessThan(500);
        if (result.error) expect(result.error.code).not.toBe("INTERNAL");
      }),
      { numRuns: 120 },
    );
  });
});
