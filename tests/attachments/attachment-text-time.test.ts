import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { setUpAppDatabase } from "../support/app-database";
import { attach, textStateOf } from "../support/attachment-upload";
import { pdfWithPages } from "../support/sample-files";

// Reading stops after a second here: a document whose parse runs longer (a PDF built to keep the parser busy) is given up.
const database = setUpAppDatabase({ ATTACHMENT_MAX_BYTES: String(8 * 1_048_576), ATTACHMENT_EXTRACT_TIMEOUT_MS: "1000" });

describe("reading a document that takes too long", () => {
  it("is stopped at its time limit, marked unreadable, and the next document is read by a fresh thread", async () => {
    const id = randomUUID();
    const pages = Array.from({ length: 2_000 }, (_, i) =>
      Array.from({ length: 30 }, (_, line) => `Line ${line} of page ${i + 1}, with words to lay out.`),
    );
    const slow = await attach(id, "slow.pdf", pdfWithPages(pages));
    const started = Date.now();
    expect(await textStateOf(database.url(), slow.id, 30_000)).toBe("failed");
    expect(Date.now() - started).toBeLessThan(10_000);
    const next = await attach(id, "next.txt", Buffer.from("Still reading files after that."));
    expect(await textStateOf(database.url(), next.id)).toBe("read");
  });
});
