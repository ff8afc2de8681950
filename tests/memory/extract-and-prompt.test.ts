import { describe, expect, it } from "vitest";
import { extractOffline } from "@/lib/memory/extract-offline";
import { toStoredMessage } from "@/lib/memory/messages";
import { PROFILE_HEADING, promptParts, SUMMARY_HEADING, SYSTEM_INSTRUCTIONS } from "@/lib/memory/prompt";
import { emptyMemory } from "@/lib/memory/schema";

describe("the offline extractor", () => {
  it.each([
    ["My name is Ada.", { name: "Ada" }],
    ["Hi, my name is Jean Luc Picard, captain.", { name: "Jean Luc Picard" }],
    ["my name is ada and I like tea", { name: "ada", preference: "tea" }],
    ["I prefer short answers.", { preference: "short answers" }],
    ["I like hiking", { preference: "hiking" }],
    ["Let's talk about Pricing!", { topic: "pricing" }],
    ["topic: enterprise billing", { topic: "enterprise billing" }],
    ["What's the weather?", {}],
    [
      "Hi, I'm Dana, I work at Acme Robotics and prefer short answers with code",
      { name: "Dana", work: "Acme Robotics", preference: "short answers with code" },
    ],
    ["I'm tired. I'm French.", {}],
    ["I moved to Berlin last year", { location: "Berlin" }],
    ["I live in Porto and I work for the city council, mostly.", { location: "Porto", work: "the city council" }],
  ])("%s", (text, expected) => {
    expect(Object.fromEntries(extractOffline(text).preferences.map((p) => [p.key, p.value]))).toEqual(expected);
  });

  it("notes first-person statements as facts", () => {
    expect(extractOffline("I live in Paris. I work at ACME.").facts).toEqual(["User said: I live in Paris", "User said: I work at ACME"]);
  });
});

describe("the prompt for a turn", () => {
  it("is instructions, summary, what is known about the user, the window, then the new message", () => {
    const memory = {
      ...emptyMemory(),
      short_term_memory: {
        messages: [
          toStoredMessage({ id: "1", seq: 1, role: "user", content: "earlier question" }),
          toStoredMessage({ id: "2", seq: 2, role: "assistant", content: "earlier answer" }),
        ],
      },
      long_term_memory: { summary: "They discussed pricing.", summarized_messages: 6, facts: ["User said: I live in Paris"] },
      user_preferences: { name: "Ada" },
    };
    const prompt = promptParts(memory, "new question").map((part) => part.message);
    expect(prompt.map((m) => [m.getType(), m.content])).toEqual([
      ["system", SYSTEM_INSTRUCTIONS],
      ["system", `${SUMMARY_HEADING}\nThey discussed pricing.`],
      ["system", `${PROFILE_HEADING}\n- name: Ada\n\nFacts:\n- User said: I live in Paris`],
      ["human", "earlier question"],
      ["ai", "earlier answer"],
      ["human", "new question"],
    ]);
  });

  it("leaves out empty sections", () => {
    expect(
      promptParts(emptyMemory(), "hi")
        .map((part) => part.message)
        .map((m) => m.getType()),
    ).toEqual(["system", "human"]);
  });
});

describe("what the new message states", () => {
  it("is known to the reply at once, before memory is written", () => {
    const about = promptParts(emptyMemory(), "Hello, my name is Ada.")
      .map((part) => part.message)
      .find((m) => String(m.content).startsWith(PROFILE_HEADING));
    expect(about?.content).toBe(`${PROFILE_HEADING}\n- name: Ada`);
  });
});
