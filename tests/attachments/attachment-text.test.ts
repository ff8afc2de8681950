import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { promptMessageText } from "@/lib/attachments/turn-attachments";
import { getConversationPage } from "@/lib/conversations/read";
import { settleRuns } from "@/lib/conversations/turn/reply-run";
import { setUpAppDatabase } from "../support/app-database";
import { attach, textStateOf } from "../support/attachment-upload";
import { chatBody, postChat, readTurn } from "../support/chat";
import { docxBytes, pdfWithPages } from "../support/sample-files";

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
    const prompt = await promptMessageText(messageId, "What is the budget for 2027?");
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
    const prompt = await promptMessageText(messageId, "Summarize the handbook.");
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
    expect(await promptMessageText(messageId, "What does it say?")).toContain(
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
    const prompt = await promptMessageText(messageId, "What was decided?");
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
