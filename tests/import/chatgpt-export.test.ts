import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isChatGptExport, parseChatGptExport } from "@/lib/conversations/import/chatgpt-export";
import { AppError } from "@/lib/errors";

// Loosely typed so tests can bend the fixture into broken shapes.
// biome-ignore lint/suspicious/noExplicitAny: test fixture surgery
type Json = any;

const fixtureText = readFileSync(path.join(import.meta.dirname, "fixtures/chatgpt-branches.json"), "utf8");
/** A fresh copy per call, so one test's edits cannot leak into another. */
const fixture = (): Json => JSON.parse(fixtureText);

// Node ids in the fixture, named by what they hold.
const LISBON = {
  root: "aaa1c2d4-7f3e-4b1a-9d55-0c6e2f1a8b01",
  system: "5b0e8d6c-2a91-4c3f-8e7d-1f4a9b2c3d10",
  hiddenContext: "aaa2e7b1-0c4d-4f8a-b3e2-6d9c1a7f5e02",
  originalQuestion: "aaa23f90-5e1b-4d7c-a2f4-8b3e6c0d9a03",
  editedQuestion: "aaa2a4c8-9d2e-4b6f-8c1a-3e7f0b5d2c04",
  toolCall: "d7e8f9a0-b1c2-4d3e-9f4a-5b6c7d8e9f06",
  budgetReply: "f4a5b6c7-d8e9-4f0a-b1c2-d3e4f5a6b708",
  photoQuestion: "aaa2b9d1-3c4e-4a5f-9b6c-7d8e9f0a1b09",
  leaf: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c10",
};
const REGEX = {
  question: "aaa27c6d-8e9f-4a0b-b1c2-d3e4f5a6b722",
  firstReply: "1c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e423",
};

const lisbonMessages = [
  { role: "user", content: "Plan a 3-day trip to Lisbon in May, on a budget.", createdAt: new Date("2024-04-25T08:02:22.618Z") },
  {
    role: "assistant",
    content:
      "May is mild (around 22°C). Stay in a guesthouse in Graça, ride tram 28 with a day pass, and take the train to Sintra for a few euros.",
    createdAt: new Date("2024-04-25T08:02:43.448Z"),
  },
  { role: "user", content: "What is this blue tile pattern called?", createdAt: new Date("2024-04-25T08:06:10.002Z") },
  {
    role: "assistant",
    content: "Those are azulejos, the glazed tiles Lisbon is famous for.",
    createdAt: new Date("2024-04-25T08:06:28.911Z"),
  },
];

const regexQuestion = {
  role: "user",
  content: "Give me a simple regex to check an email address.",
  createdAt: new Date("2024-04-26T08:00:00.750Z"),
};

/** Parses and returns the AppError it must throw. */
function invalidImport(value: unknown): AppError {
  try {
    parseChatGptExport(value);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "INVALID_IMPORT", status: 422 });
    return error as AppError;
  }
  throw new Error("expected parseChatGptExport to throw");
}

/** A minimal one-conversation export: root → each message in turn, current_node at the last. */
function linearExport(messages: Json[], extra: Json = {}): Json {
  const mapping: Json = { root: { id: "root", message: null, parent: null, children: [] } };
  let parent = "root";
  messages.forEach((message, index) => {
    const id = `n${index + 1}`;
    mapping[id] = { id, message: { id, ...message }, parent, children: [] };
    mapping[parent].children.push(id);
    parent = id;
  });
  return [{ title: "Sketch", mapping, current_node: parent, ...extra }];
}

const user = (text: string, more: Json = {}): Json => ({
  author: { role: "user" },
  content: { content_type: "text", parts: [text] },
  ...more,
});

describe("isChatGptExport", () => {
  it("recognises the export and rejects other shapes", () => {
    expect(isChatGptExport(fixture())).toBe(true);
    for (const other of [null, "x", {}, [], [null], [{}], [{ mapping: 5 }], [{ mapping: null }], [{ mapping: [] }], { mapping: {} }]) {
      expect(isChatGptExport(other)).toBe(false);
    }
    // This app's own export (one conversation object with messages) is not mistaken for it.
    expect(isChatGptExport({ title: "t", messages: [], preferences: {}, facts: [] })).toBe(false);
  });
});

describe("parseChatGptExport", () => {
  it("imports only the current branch, dropping the root, system, hidden, tool and tool-call messages", () => {
    const [lisbon, regex] = parseChatGptExport(fixture());
    expect(lisbon).toEqual({ title: "Lisbon trip on a budget", messages: lisbonMessages });
    // current_node points at the first answer, not the later regeneration; a message's parts join with a blank line.
    expect(regex.messages).toEqual([
      regexQuestion,
      {
        role: "assistant",
        content:
          "Try `^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$`. It rejects spaces and needs one @ and a dot after it.\n\nReal validation means sending a confirmation mail.",
        createdAt: new Date("2024-04-26T08:00:05.125Z"),
      },
    ]);
  });

  it("keeps fractional seconds to the millisecond, and a missing create_time is null", () => {
    const [lisbon] = parseChatGptExport(fixture());
    expect(lisbon.messages[0].createdAt?.getTime()).toBe(1714032142618);
    const [sketch] = parseChatGptExport(linearExport([user("no time"), user("null time", { create_time: null })]));
    expect(sketch.messages.map((m) => m.createdAt)).toEqual([null, null]);
  });

  it("trims the title, and a blank or missing title is null", () => {
    expect(parseChatGptExport(linearExport([user("hi")], { title: "  Trip plans \n" }))[0].title).toBe("Trip plans");
    expect(parseChatGptExport(linearExport([user("hi")], { title: "   " }))[0].title).toBeNull();
    expect(parseChatGptExport(linearExport([user("hi")], { title: null }))[0].title).toBeNull();
    expect(parseChatGptExport(linearExport([user("hi")], { title: undefined }))[0].title).toBeNull();
  });

  it("without a usable current_node, follows the last child from the root", () => {
    for (const currentNode of [undefined, null, "", "not-a-node"]) {
      const data = fixture();
      for (const conversation of data) conversation.current_node = currentNode;
      const [lisbon, regex] = parseChatGptExport(data);
      // The edited question is the last child of the hidden context node, so the same branch wins.
      expect(lisbon.messages).toEqual(lisbonMessages);
      // Here the regeneration is the last child, unlike the current_node the file gives.
      expect(regex.messages).toEqual([
        regexQuestion,
        {
          role: "assistant",
          content: "Regenerated: use `^\\S+@\\S+\\.\\S+$` for a loose check.",
          createdAt: new Date("2024-04-26T08:01:06.250Z"),
        },
      ]);
    }
  });

  it("can import an older branch when current_node points there", () => {
    const data = fixture();
    data[0].current_node = data[0].mapping[LISBON.originalQuestion].children[0];
    expect(parseChatGptExport(data)[0].messages.map((m) => m.content)).toEqual([
      "Plan a 3-day trip to Lisbon.",
      "Day 1: Alfama and the castle. Day 2: Belém. Day 3: Sintra.",
    ]);
  });

  it("keeps code addressed to everyone, and skips empty text and attachment-only messages", () => {
    const [sketch] = parseChatGptExport(
      linearExport([
        user("   "),
        { author: { role: "user" }, content: { content_type: "multimodal_text", parts: [{ content_type: "image_asset_pointer" }] } },
        user("Show me"),
        { author: { role: "assistant" }, content: { content_type: "code", text: "print(1)" }, recipient: "all" },
        { author: { role: "assistant" }, content: { content_type: "code", text: "print(2)" }, recipient: "python" },
        { author: { role: "assistant" }, content: { content_type: "execution_output", text: "2" } },
        { author: { role: "assistant" }, content: { content_type: "text", parts: ["Done"] } },
      ]),
    );
    expect(sketch.messages.map((m) => [m.role, m.content])).toEqual([
      ["user", "Show me"],
      ["assistant", "print(1)"],
      ["assistant", "Done"],
    ]);
  });

  it("ignores unknown fields anywhere", () => {
    const data = fixture();
    data[0].brand_new_field = { nested: true };
    data[0].mapping[LISBON.leaf].message.author.extra = 1;
    data[0].mapping[LISBON.leaf].message.content.extra = [1, 2];
    expect(parseChatGptExport(data)[0].messages).toEqual(lisbonMessages);
  });
});

describe("parseChatGptExport errors", () => {
  it("rejects an unknown author role on the current branch, naming it", () => {
    const data = fixture();
    data[0].mapping[LISBON.photoQuestion].message.author.role = "robot";
    expect(invalidImport(data).message).toBe(
      `Conversation 1 ("Lisbon trip on a budget"): node ${LISBON.photoQuestion} has an unknown author role "robot".`,
    );
  });

  it("does not judge roles on branches it does not import", () => {
    const data = fixture();
    data[0].mapping[LISBON.originalQuestion].message.author.role = "robot";
    expect(parseChatGptExport(data)[0].messages).toEqual(lisbonMessages);
  });

  it("rejects text with a NUL character or a lone surrogate, naming the conversation and node", () => {
    for (const [bad, problem] of [
      ["a\u0000b", "contains a NUL character"],
      ["\ud800 broken", "is not well-formed text"],
    ]) {
      const data = fixture();
      data[1].mapping[REGEX.question].message.content.parts = [bad];
      expect(invalidImport(data).message).toContain(
        `Conversation 2 ("Regex for email validation"): the text of node ${REGEX.question} ${problem}`,
      );
    }
    expect(invalidImport(linearExport([user("hi")], { title: "bad\u0000title" })).message).toBe(
      'Conversation 1 ("bad\\u0000title"): the title contains a NUL character.',
    );
  });

  it("rejects a cycle in the parent links", () => {
    const data = fixture();
    data[0].mapping[LISBON.root].parent = LISBON.leaf;
    expect(invalidImport(data).message).toMatch(
      /^Conversation 1 \("Lisbon trip on a budget"\): the parent links of node .+ form a cycle\.$/,
    );

    // With no current_node and no root at all, the fallback finds the loop too.
    const loop = fixture();
    loop[0].current_node = null;
    loop[0].mapping[LISBON.root].parent = LISBON.leaf;
    expect(invalidImport(loop).message).toContain("cycle");

    // A child link back up the tree is caught on the way down.
    const down = linearExport([user("a"), user("b")], { current_node: null });
    down[0].mapping.n2.children = ["n1"];
    expect(invalidImport(down).message).toBe('Conversation 1 ("Sketch"): the child links of node n2 form a cycle.');
  });

  it("rejects the wrong shape, saying where", () => {
    expect(invalidImport({}).message).toBe("ChatGPT export: expected array, received object");
    expect(invalidImport([{ mapping: 5 }]).message).toBe("ChatGPT export: conversation 1, mapping: expected record, received number");
    expect(invalidImport(null).message).toBe("ChatGPT export: expected array, received null");

    const data = fixture();
    data[1].mapping[REGEX.firstReply].message.author.role = 7;
    expect(invalidImport(data).message).toBe(
      `ChatGPT export: conversation 2, mapping.${REGEX.firstReply}.message.author.role: expected string, received number`,
    );
  });

  it("rejects an impossible create_time, naming it", () => {
    for (const bad of [-5, 1e12]) {
      const data = fixture();
      data[0].mapping[LISBON.leaf].message.create_time = bad;
      expect(invalidImport(data).message).toBe(
        `Conversation 1 ("Lisbon trip on a budget"): node ${LISBON.leaf} has an invalid create_time ${bad}.`,
      );
    }
    // NaN cannot come from JSON, but a caller could hand over such an object.
    const data = fixture();
    data[0].mapping[LISBON.leaf].message.create_time = Number.NaN;
    expect(invalidImport(data).message).toBe(
      `ChatGPT export: conversation 1, mapping.${LISBON.leaf}.message.create_time: expected number, received NaN`,
    );
  });

  it("returns a conversation with nothing to import empty (to be skipped), and rejects an export with nothing at all", () => {
    const data = fixture();
    data[1].current_node = REGEX.question;
    data[1].mapping[REGEX.question].message.metadata = { is_visually_hidden_from_conversation: true };
    const [lisbon, regex] = parseChatGptExport(data);
    expect(lisbon.messages.length).toBeGreaterThan(0);
    expect(regex).toEqual({ title: "Regex for email validation", messages: [] });
    expect(invalidImport([{ title: null, mapping: {} }]).message).toBe(
      "ChatGPT export: no conversation has a user or assistant message to import.",
    );
    expect(invalidImport([]).message).toBe("ChatGPT export: the file has no conversations.");
  });
});
