import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getPromptContext } from "@/lib/conversations/prompt-context";
import { settleRuns } from "@/lib/conversations/turn/reply-run";
import { setUpAppDatabase } from "../support/app-database";
import { attach, textStateOf } from "../support/attachment-upload";
import { chatBody, postChat, readTurn } from "../support/chat";
import { withClient } from "../support/database";
import { pdfWithPages } from "../support/sample-files";

// Recall by meaning with the real built-in sentence encoder.
const database = setUpAppDatabase({ MEMORY_EMBEDDINGS: "builtin" });

const PAGES = [
  "Quarterly invoices are paid within thirty days of receipt.",
  "The server room is cooled by two air conditioners.",
  "The rooftop celebration for the product launch takes place at the Lisbon office.",
  "Employees may work from home on Fridays.",
  "Our logo uses the colour teal on white.",
];

const embedded = (contentId: string) =>
  withClient(
    database.url(),
    async (client) =>
      (
        await client.query(`SELECT count(*)::int AS n FROM "AttachmentPassage" WHERE "contentId" = $1 AND "embedding" IS NOT NULL`, [
          contentId,
        ])
      ).rows[0].n as number,
  );
const contentOf = (attachmentId: string) =>
  withClient(
    database.url(),
    async (client) =>
      (await client.query(`SELECT "contentId" FROM "Attachment" WHERE "id" = $1`, [attachmentId])).rows[0].contentId as string,
  );

describe("recall in files by meaning", () => {
  it("finds the page a question means though they share no word, once the encoder has read the document", async () => {
    const id = randomUUID();
    const pdf = await attach(id, "handbook.pdf", pdfWithPages(PAGES.map((text) => [text])));
    expect(await textStateOf(database.url(), pdf.id)).toBe("read");
    const contentId = await contentOf(pdf.id);
    await expect.poll(() => embedded(contentId), { timeout: 30_000 }).toBe(PAGES.length);
    expect((await readTurn(await postChat({ ...chatBody(id, "The staff handbook."), attachments: [pdf.id] }))).status).toBe(200);
    expect((await readTurn(await postChat(chatBody(id, "Thanks, noted.")))).status).toBe(200);
    await settleRuns();

    const filesFor = async (question: string) =>
      (await getPromptContext(id, question)).messages.find((message) => message.section === "files")?.files ?? [];
    // No word in common with page 3 ("celebration", "takes place"), nor with page 1 ("invoices", "paid").
    expect((await filesFor("Which city hosts the festivities?")).map((line) => line.page)).toEqual([3]);
    expect((await filesFor("How fast do we settle bills?")).map((line) => line.page)).toEqual([1]);
    // A question naming a page gets that page, not the pages alike to it in meaning.
    expect((await filesFor("What does page 4 say?")).map((line) => line.page)).toEqual([4]);
  }, 90_000);
});
