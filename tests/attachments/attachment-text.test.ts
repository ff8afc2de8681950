import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { clearMemory } from "@/app/actions/memory";
import { promptMessage } from "@/lib/attachments/turn-attachments";
import { getPromptContext } from "@/lib/conversations/prompt-context";
import { getConversationPage } from "@/lib/conversations/read";
import { settleRuns } from "@/lib/conversations/turn/reply-run";
import { setUpAppDatabase } from "../support/app-database";
import { attach, textStateOf } from "../support/attachment-upload";
import { chatBody, postChat, readTurn } from "../support/chat";
import { docxBytes, pdfWithPages } from "../support/sample-files";

/** A model that sees no images (the offline one). */
const SEES_NONE = { name: "offline", seesImages: async () => false };
const CENTRAL = Buffer.from([0x50, 0x4b, 0x01, 0x02]);

const database = setUpAppDatabase({ ATTACHMENT_MAX_BYTES: String(4 * 1_048_576), ATTACHMENT_PROMPT_TOKENS: "400" });

/** Sends `text` with `files` as one message, and returns the stored user message's id. */
async function sendWith(id: string, text: string, files: string[]): Promise<{ reply: string; messageId: string }> {
  const turn = await readTurn(await postChat({ ...chatBody(id, text), attachments: files }));
  await settleRuns();
  expect(turn.status).toBe(200);
  const user = (await getConversationPage(id, undefined, 50)).messages.findLast((message) => message.role === "user");
  return { reply: turn.text, messageId: user?.id ?? "" };
}

describe("reading attached documents", () => {
  it("reads a PDF's pages into passages off the request path, and the turn that carries it puts its text in the prompt, page by page", async () => {
    const id = randomUUID();
    const pdf = await attach(
      id,
      "report.pdf",
      pdfWithPages([["Page one says hello.", "Revenue grew 12% in March."], [], ["The budget for 2027 is 4.2 million."]]),
    );
    expect(await textStateOf(database.url(), pdf.id)).toBe("read");
    const { reply, messageId } = await sendWith(id, "What is the budget for 2027?", [pdf.id]);
    expect(reply).toContain("report.pdf (PDF, 3 pages,");
    expect(reply).toContain("2 passages of text)");
    const prompt = (await promptMessage(id, messageId, "What is the budget for 2027?", SEES_NONE)).text;
    expect(prompt).toContain(
      "Text of report.pdf:\n[page 1]\nPage one says hello.\nRevenue grew 12% in March.\n\n[page 3]\nThe budget for 2027 is 4.2 million.",
    );
    expect(prompt).not.toContain("left out");
  });

  it("puts as much of a long document as the budget holds, and says from which page the rest is left out", async () => {
    const id = randomUUID();
    const pages = Array.from({ length: 40 }, (_, i) => [
      `This is page ${i + 1} of the handbook.`,
      `It describes procedure number ${i + 1} in some detail for the team.`,
    ]);
    const pdf = await attach(id, "handbook.pdf", pdfWithPages(pages));
    expect(await textStateOf(database.url(), pdf.id)).toBe("read");
    const { messageId } = await sendWith(id, "Summarize the handbook.", [pdf.id]);
    const prompt = (await promptMessage(id, messageId, "Summarize the handbook.", SEES_NONE)).text;
    expect(prompt).toContain("[page 1]\nThis is page 1 of the handbook.");
    const left =
      /\(handbook\.pdf: (\d+) of its 40 passages, from page (\d+) on, are left out, over the prompt's budget for attached files\.\)/.exec(
        prompt,
      );
    expect(left).not.toBeNull();
    expect(prompt).toContain(`[page ${Number(left?.[2]) - 1}]`);
    expect(prompt).not.toContain(`[page ${left?.[2]}]`);
  });

  it("says so when a PDF has no text layer (a scan), instead of failing quietly", async () => {
    const id = randomUUID();
    const scan = await attach(id, "scan.pdf", pdfWithPages([[], []]));
    expect(await textStateOf(database.url(), scan.id)).toBe("scanned");
    const { messageId } = await sendWith(id, "What does it say?", [scan.id]);
    expect((await promptMessage(id, messageId, "What does it say?", SEES_NONE)).text).toContain(
      "(scan.pdf has no text layer, as a scan: its text could not be read.)",
    );
  });

  it("reads a Word document and a text file; refuses to unpack a DOCX that inflates past its limit (a zip bomb), and says it could not be read", async () => {
    const id = randomUUID();
    const docx = await attach(id, "minutes.docx", docxBytes(["Minutes of the meeting.", "Ana will book the venue."]));
    expect(docx.mediaType).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const notes = await attach(id, "notes.md", Buffer.from("# Notes\n\nCall the plumber on Tuesday."));
    // 60 MB of document that compresses to a few kilobytes, and declares itself small.
    const bombXml = Buffer.concat([
      Buffer.from('<?xml version="1.0"?><w:document xmlns:w="x"><w:body>'),
      Buffer.alloc(60 * 1_048_576, 0x20),
    ]);
    const bomb = docxBytes([], bombXml);
    expect(bomb.length).toBeLessThan(200_000);
    const bombed = await attach(id, "bomb.docx", bomb);
    expect(await textStateOf(database.url(), docx.id)).toBe("read");
    expect(await textStateOf(database.url(), notes.id)).toBe("read");
    expect(await textStateOf(database.url(), bombed.id)).toBe("failed");
    const { messageId } = await sendWith(id, "What was decided?", [docx.id, notes.id, bombed.id]);
    const prompt = (await promptMessage(id, messageId, "What was decided?", SEES_NONE)).text;
    expect(prompt).toContain("Text of minutes.docx:\nMinutes of the meeting.\n\nAna will book the venue.");
    expect(prompt).toContain("Text of notes.md:\n# Notes\n\nCall the plumber on Tuesday.");
    expect(prompt).toContain("(bomb.docx could not be read.)");
    // Declared sizes are not trusted: the same bomb saying in its directory that each part is 10 bytes fails the same way.
    const liar = docxBytes([], bombXml);
    for (let at = liar.indexOf(CENTRAL); at >= 0; at = liar.indexOf(CENTRAL, at + 4)) liar.writeUInt32LE(10, at + 24);
    const lied = await attach(id, "liar.docx", liar);
    expect(await textStateOf(database.url(), lied.id)).toBe("failed");
  });
});

describe("recall in files sent earlier", () => {
  it("finds the right page of a document 300 messages later, by its words, shown with its file and page; an edit that unsends it and a Clear forget it", async () => {
    const id = randomUUID();
    const pages = Array.from({ length: 12 }, (_, i) => [
      `Page ${i + 1} of the launch plan.`,
      i === 6 ? "The rooftop party for the launch happens at the Lisbon office." : `Section ${i + 1} covers routine logistics.`,
    ]);
    const pdf = await attach(id, "plan.pdf", pdfWithPages(pages));
    expect(await textStateOf(database.url(), pdf.id)).toBe("read");
    const first = await sendWith(id, "Here is the launch plan.", [pdf.id]);
    for (let i = 0; i < 150; i++)
      expect((await readTurn(await postChat(chatBody(id, `Filler message ${i} about the weather and lunch.`)))).status).toBe(200);
    await settleRuns();

    const question = "Where does the rooftop party happen?";
    const context = await getPromptContext(id, question);
    const files = context.messages.find((message) => message.section === "files");
    expect(files?.content).toContain(
      "- plan.pdf, page 7 (#1): Page 7 of the launch plan. The rooftop party for the launch happens at the Lisbon office.",
    );
    expect(files?.files).toContainEqual({ name: "plan.pdf", page: 7, seq: 1 });
    expect(files?.files?.[0]).toEqual({ name: "plan.pdf", page: 7, seq: 1 });
    // The offline model answers from it.
    const reply = await readTurn(await postChat(chatBody(id, question)));
    expect(reply.text).toContain("plan.pdf, page 7 says:");
    await settleRuns();

    // The message that sent it, edited into one without it: on that branch the file was never sent.
    expect((await readTurn(await postChat({ ...chatBody(id, "No plan after all."), edit: first.messageId }))).status).toBe(200);
    await settleRuns();
    expect((await getPromptContext(id, question)).messages.find((message) => message.section === "files")).toBeUndefined();
    // Back on the branch that sent it, it is found again; a Clear memory forgets it.
    const { switchBranch } = await import("@/app/actions/conversations");
    expect(await switchBranch({ id, branch: 0 })).toMatchObject({ ok: true });
    expect((await getPromptContext(id, question)).messages.find((message) => message.section === "files")).toBeDefined();
    expect(await clearMemory({ id, scope: "all" })).toMatchObject({ ok: true });
    expect((await getPromptContext(id, question)).messages.find((message) => message.section === "files")).toBeUndefined();
  });

  it("turns to the pages a question names, whatever their words, in files sent earlier only", async () => {
    const id = randomUUID();
    // Forty pages alike but for a code: only the page number can tell which one is asked about.
    const pages = Array.from({ length: 40 }, (_, i) => [`Inventory sheet, code ${(i * 7919) % 10_007}.`]);
    const sheet = await attach(id, "sheets.pdf", pdfWithPages(pages));
    expect(await textStateOf(database.url(), sheet.id)).toBe("read");
    // Asked in the message that sends it, the file is in the prompt whole: recall does not repeat it.
    await sendWith(id, "The inventory sheets.", [sheet.id]);
    for (let i = 0; i < 5; i++) expect((await readTurn(await postChat(chatBody(id, `Filler ${i} about lunch.`)))).status).toBe(200);
    await settleRuns();

    const lines = (question: string) =>
      getPromptContext(id, question).then((context) => context.messages.find((message) => message.section === "files")?.files ?? []);
    expect((await lines("What does page 23 say?"))[0]).toEqual({ name: "sheets.pdf", page: 23, seq: 1 });
    expect(
      (await lines("Compare pp. 3-4 please"))
        .slice(0, 2)
        .map((line) => line.page)
        .sort(),
    ).toEqual([3, 4]);
    // A page the file does not have names nothing.
    expect((await lines("What does page 41 say?")).some((line) => line.page === 41)).toBe(false);
    // Another conversation's question about page 23 finds nothing of this file.
    const other = randomUUID();
    expect((await readTurn(await postChat(chatBody(other, "Hello.")))).status).toBe(200);
    await settleRuns();
    const elsewhere = await getPromptContext(other, "What does page 23 say?");
    expect(elsewhere.messages.find((message) => message.section === "files")).toBeUndefined();
  });
});

describe("What the assistant sees, with files", () => {
  it("shows a draft with the files waiting in the composer, and a stored message with its own, never another conversation's", async () => {
    const id = randomUUID();
    const plan = await attach(id, "plan.pdf", pdfWithPages([["Page one of the plan."], ["The budget is 40,000 euros."]]));
    expect(await textStateOf(database.url(), plan.id)).toBe("read");
    const message = (context: Awaited<ReturnType<typeof getPromptContext>>) =>
      context.messages.find((part) => part.section === "message")?.content ?? "";
    // The draft, before it is sent: its file's note and text.
    const draft = message(await getPromptContext(id, "What is the budget?", null, true, { draft: true }));
    expect(draft).toContain("plan.pdf (PDF, 2 pages");
    expect(draft).toContain("The budget is 40,000 euros.");
    // Without them asked for, the draft alone.
    expect(message(await getPromptContext(id, "What is the budget?"))).toBe("What is the budget?");

    const { messageId } = await sendWith(id, "What is the budget?", [plan.id]);
    expect(message(await getPromptContext(id, "What is the budget?", null, true, { messageId }))).toContain("The budget is 40,000 euros.");
    // Sent, it waits in the composer no more.
    expect(message(await getPromptContext(id, "Next question", null, true, { draft: true }))).toBe("Next question");
    // Another conversation naming this message sees none of its files.
    const other = randomUUID();
    expect(message(await getPromptContext(other, "What is the budget?", null, true, { messageId }))).toBe("What is the budget?");
  });
});
