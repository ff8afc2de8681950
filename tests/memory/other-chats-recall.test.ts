import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deleteConversation } from "@/app/actions/conversations";
import { clearMemory } from "@/app/actions/memory";
import { changeSavedMemory } from "@/app/actions/saved-memory";
import { GET as context } from "@/app/api/conversations/[id]/context/route";
import { settleRuns } from "@/lib/conversations/turn/reply-run";
import type { PromptContextView } from "@/lib/conversations/views";
import { indexForRecall } from "@/lib/db/queries/recall-queries";
import { OTHER_CHATS_HEADING } from "@/lib/memory/other-chats-select";
import { setUpAppDatabase } from "../support/app-database";
import { chatBody, postChat, readTurn } from "../support/chat";

setUpAppDatabase();

/** A turn as a browser whose memory is `memory` sends it, then indexed for recall as the turn's end does. */
async function say(conversationId: string, memory: string, text: string, extra: Record<string, unknown> = {}) {
  const turn = await readTurn(await postChat({ ...chatBody(conversationId, text), memory, ...extra }));
  await settleRuns();
  await indexForRecall(conversationId);
  return turn;
}

async function seen(conversationId: string, memory: string, message: string, headers: Record<string, string> = {}) {
  const response = await context(
    new Request(`http://localhost/api/conversations/${conversationId}/context?message=${encodeURIComponent(message)}`, {
      headers: { "x-memory-id": memory, ...headers },
    }),
    { params: Promise.resolve({ id: conversationId }) },
  );
  expect(response.status).toBe(200);
  return (await response.json()) as PromptContextView;
}

const elsewhereOf = (view: PromptContextView) => view.messages.find((message) => message.section === "elsewhere");

const CABIN = "The spare key to the cabin hangs behind the blue flowerpot on the porch.";
const QUESTION = "Where is the spare key to the cabin?";

describe("recall from the user's other chats", () => {
  it("finds in a new chat what was said in another, names the chat by number and date, and links to it", async () => {
    const memory = randomUUID();
    const cabin = randomUUID();
    await say(cabin, memory, CABIN);
    await say(randomUUID(), memory, "Unrelated: what is a good name for a sourdough starter?");

    const fresh = randomUUID();
    const view = await seen(fresh, memory, QUESTION);
    const elsewhere = elsewhereOf(view);
    expect(elsewhere?.content.split("\n")[0]).toBe(OTHER_CHATS_HEADING);
    expect(elsewhere?.content).toMatch(/^\d{4}-\d{2}-\d{2}$/m);
    expect(elsewhere?.content).toContain(`(chat 1) user: ${CABIN}`);
    // The title is the user's to see, not the model's: anyone holding a chat's link may rename it.
    expect(elsewhere?.recalled).toContainEqual(
      expect.objectContaining({ seq: 1, role: "user", chat: { conversationId: cabin, title: expect.stringMatching(/\S/) } }),
    );
    const title = elsewhere?.recalled?.find((line) => line.chat?.conversationId === cabin)?.chat?.title ?? "";
    expect(elsewhere?.content).not.toContain(title);
    expect(elsewhere?.content).not.toContain("sourdough");

    const reply = await say(fresh, memory, QUESTION);
    expect(reply.text).toContain("in another chat");
    expect(reply.text).toContain("blue flowerpot");
  });

  it("comes after this conversation's own recall, and is off with Reference other chats off", async () => {
    const memory = randomUUID();
    await say(randomUUID(), memory, CABIN);
    const here = randomUUID();
    await say(here, memory, "Hello there.");
    const view = await seen(here, memory, QUESTION);
    const sections = view.messages.map((message) => message.section);
    expect(sections.indexOf("elsewhere")).toBeGreaterThan(sections.indexOf("profile"));
    expect(sections.indexOf("elsewhere")).toBeLessThan(sections.indexOf("message"));

    expect(elsewhereOf(await seen(here, memory, QUESTION, { "x-other-chats": "off" }))).toBeUndefined();
    const reply = await say(here, memory, QUESTION, { otherChats: false });
    expect(reply.text).not.toContain("blue flowerpot");
  });

  it("never reaches another browser's memory, nor what someone else or a private statement said in the user's chat", async () => {
    const mine = randomUUID();
    const theirs = randomUUID();
    const shared = randomUUID();
    await say(shared, mine, "Our project codename is Kestrel.");
    // Someone holding the link writes in it: theirs, not the owner's.
    await say(shared, theirs, "My locker combination is 4417 and my bike is green.");
    // The owner says something with memory across chats off: it stays in that chat.
    await say(shared, mine, "My locker at the gym is number 9081.", { acrossChats: false });

    const fresh = randomUUID();
    const view = await seen(fresh, mine, "What is my locker combination or number, and the project codename?");
    const elsewhere = elsewhereOf(view)?.content ?? "";
    expect(elsewhere).toContain("Kestrel");
    expect(elsewhere).not.toContain("4417");
    expect(elsewhere).not.toContain("9081");
    // The other browser's own new chat sees nothing of the owner's chats.
    expect(elsewhereOf(await seen(randomUUID(), theirs, "What is the project codename?"))).toBeUndefined();
  });

  it("a visitor sending no memory id still counts as someone else, and Forget everywhere forgets what was said before it", async () => {
    const mine = randomUUID();
    const owned = randomUUID();
    await say(owned, mine, "Our project codename is Kestrel.");
    await readTurn(await postChat(chatBody(owned, "The visitor's own secret is 5512.")));
    await settleRuns();
    await indexForRecall(owned);
    // The owned chat no longer reads the owner's memory across chats: no other chat reaches it.
    const other = randomUUID();
    await say(other, mine, "The boat is moored at jetty 12.");
    expect(elsewhereOf(await seen(owned, mine, "Where is the boat moored?"))).toBeUndefined();
    expect(elsewhereOf(await seen(randomUUID(), mine, "What is the secret?"))?.content ?? "").not.toContain("5512");

    expect(await changeSavedMemory({ memory: mine, change: { op: "forget-all" } })).toMatchObject({ ok: true });
    expect(elsewhereOf(await seen(randomUUID(), mine, "Where is the boat moored?"))).toBeUndefined();
    await say(other, mine, "The boat moved to jetty 14.");
    expect(elsewhereOf(await seen(randomUUID(), mine, "Where is the boat moored?"))?.content).toContain("jetty 14");
  });

  it("refuses an X-Other-Chats header that is neither on nor off", async () => {
    const memory = randomUUID();
    const response = await context(
      new Request(`http://localhost/api/conversations/${randomUUID()}/context?message=hi`, {
        headers: { "x-memory-id": memory, "x-other-chats": "maybe" },
      }),
      { params: Promise.resolve({ id: randomUUID() }) },
    );
    expect(response.status).toBe(400);
  });

  it("forgets a chat's messages once it is deleted, or its memory cleared", async () => {
    const memory = randomUUID();
    const cabin = randomUUID();
    await say(cabin, memory, CABIN);
    const trip = randomUUID();
    await say(trip, memory, "The ferry to the island leaves at 7:40 from pier 3.");
    const fresh = randomUUID();
    expect(elsewhereOf(await seen(fresh, memory, QUESTION))?.content).toContain("flowerpot");
    expect(elsewhereOf(await seen(fresh, memory, "When does the ferry leave?"))?.content).toContain("pier 3");

    expect((await deleteConversation({ id: cabin })).ok).toBe(true);
    expect(elsewhereOf(await seen(fresh, memory, QUESTION))?.content ?? "").not.toContain("flowerpot");
    expect((await clearMemory({ id: trip, scope: "all" })).ok).toBe(true);
    expect(elsewhereOf(await seen(fresh, memory, "When does the ferry leave?"))?.content ?? "").not.toContain("pier 3");
  });
});
