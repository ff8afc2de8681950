import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chooseChats, type OtherChat, otherChatValues } from "@/lib/memory/other-chats-rank";
import { OTHER_CHATS_HEADING, type OtherChatCandidate, otherChatPrefix, selectOtherChats } from "@/lib/memory/other-chats-select";
import { sectionTokens } from "@/lib/memory/recall-select";
import { searchTerms } from "@/lib/memory/recall-terms";

const chat = (conversationId: string, counts: number[], indexedThrough = 500): OtherChat => ({
  conversationId,
  title: `Title of ${conversationId}`,
  indexedThrough,
  counts,
});

describe("which other chats are searched", () => {
  it("prefers the chat holding the rarer words of the question, and the more recent one on a tie", () => {
    const terms = searchTerms("cabin key flowerpot");
    // Chats most recently used first. "key" is everywhere; "flowerpot" only in c.
    const chats = [chat("a", [0, 40, 0]), chat("b", [0, 40, 0]), chat("c", [3, 12, 1]), chat("d", [0, 0, 0])];
    const values = otherChatValues(terms, chats);
    expect(values[2]).toBeGreaterThan(values[1]);
    const chosen = chooseChats(chats, values, 6);
    expect(chosen[0].chat.conversationId).toBe("c");
    expect(chosen.map((found) => found.chat.conversationId)).not.toContain("d");
    const [first, second] = chooseChats([chat("a", [0, 40, 0]), chat("b", [0, 40, 0])], values, 6);
    expect([first.chat.conversationId, second.chat.conversationId]).toEqual(["a", "b"]);
    expect(chooseChats(chats, values, 1)).toHaveLength(1);
    expect(chooseChats([chat("d", [0, 0, 0])], values, 6)).toEqual([]);
  });
});

const candidate = (i: number, day: number, words: string): OtherChatCandidate => ({
  seq: 10 + i,
  role: i % 2 ? "assistant" : "user",
  content: `${words} ${"filler words here ".repeat(i % 7)}`,
  createdAt: new Date(Date.UTC(2026, 0, 1 + day, 0, i)),
  foundBy: "words",
  score: 1 + (i % 5),
  chat: { conversationId: `chat-${i % 3}`, title: `Chat ${i % 3}` },
  label: 1 + (i % 3),
});

describe("lines from other chats", () => {
  it("fit the budget, keep their own chat and position, name the chat by number, and come oldest first (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 800 }),
        (days, budget) => {
          const candidates = days.map((day, i) => candidate(i, day, "cabin key"));
          const chosen = selectOtherChats(candidates, searchTerms("cabin key"), budget);
          expect(sectionTokens(chosen, OTHER_CHATS_HEADING)).toBeLessThanOrEqual(budget);
          for (const line of chosen) {
            const source = candidates.find((c) => c.chat.conversationId === line.chat?.conversationId && c.seq === line.seq);
            expect(source).toBeDefined();
            expect(line.line.startsWith(otherChatPrefix(source?.label ?? 0, line.role))).toBe(true);
            expect(line.line).not.toContain(source?.chat.title ?? "?");
          }
          const times = chosen.map((line) => line.createdAt);
          expect(times).toEqual([...times].sort());
          if (budget >= 400) expect(chosen.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});
