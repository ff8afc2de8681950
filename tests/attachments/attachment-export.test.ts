import { randomUUID } from "node:crypto";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { GET as download } from "@/app/api/conversations/[id]/attachments/[attachmentId]/route";
import { GET as exportRoute } from "@/app/api/conversations/[id]/export/route";
import { POST as importRoute } from "@/app/api/conversations/import/route";
import { getPromptContext } from "@/lib/conversations/prompt-context";
import { getConversationPage } from "@/lib/conversations/read";
import { settleRuns } from "@/lib/conversations/turn/reply-run";
import { setUpAppDatabase } from "../support/app-database";
import { attach, textStateOf } from "../support/attachment-upload";
import { chatBody, postChat, readTurn } from "../support/chat";
import { withClient } from "../support/database";
import { pdfWithPages, pngWithoutMetadata, zipBytes } from "../support/sample-files";

const database = setUpAppDatabase({ ATTACHMENT_MAX_BYTES: String(2 * 1_048_576) });

const exported = async (id: string, format = "zip") =>
  exportRoute(new Request(`http://localhost/api/conversations/${id}/export?format=${format}`), { params: Promise.resolve({ id }) });

const importZip = (bytes: Buffer, client = "203.0.113.50") =>
  importRoute(
    new Request("http://localhost/api/conversations/import", {
      method: "POST",
      headers: { "content-type": "application/zip", "content-length": String(bytes.length), "x-forwarded-for": client },
      body: new Uint8Array(bytes),
    }),
  );

/** A zip's entries, read back with a real reader. */
async function entriesOf(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await yauzl.fromBufferPromise(bytes);
  const entries = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    entries.set(entry.fileName, Buffer.concat(chunks));
  }
  return entries;
}

const fileBytes = async (id: string, attachmentId: string) =>
  Buffer.from(
    await (
      await download(new Request(`http://localhost/api/conversations/${id}/attachments/${attachmentId}`), {
        params: Promise.resolve({ id, attachmentId }),
      })
    ).arrayBuffer(),
  );

const conversationsNow = () =>
  withClient(database.url(), async (client) => (await client.query(`SELECT count(*)::int AS n FROM "Conversation"`)).rows[0].n as number);

describe("export with files, and its import", () => {
  it("exports a zip of the conversation's JSON and its files, which imports back whole: files, their text, and recall in them", async () => {
    const id = randomUUID();
    const photo = pngWithoutMetadata(6, 5);
    const pages = Array.from({ length: 8 }, (_, i) => [
      i === 4 ? "The harbour tour leaves from pier nine." : `Page ${i + 1} of the guide.`,
    ]);
    const pdf = pdfWithPages(pages);
    const sentPhoto = await attach(id, "photo.png", photo);
    const sentPdf = await attach(id, "guide.pdf", pdf);
    expect(await textStateOf(database.url(), sentPdf.id)).toBe("read");
    expect((await readTurn(await postChat({ ...chatBody(id, "Our trip files."), attachments: [sentPhoto.id, sentPdf.id] }))).status).toBe(
      200,
    );
    expect((await readTurn(await postChat(chatBody(id, "Thanks.")))).status).toBe(200);
    await settleRuns();

    const response = await exported(id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toMatch(/\.zip"/);
    const zip = Buffer.from(await response.arrayBuffer());
    const entries = await entriesOf(zip);
    const json = JSON.parse(entries.get("conversation.json")?.toString("utf8") ?? "{}");
    const listed = json.messages[0].attachments as { name: string; file: string; mediaType: string }[];
    expect(listed.map((file) => [file.name, file.mediaType])).toEqual([
      ["photo.png", "image/png"],
      ["guide.pdf", "application/pdf"],
    ]);
    expect(entries.get(listed[0].file)).toEqual(photo);
    expect(entries.get(listed[1].file)).toEqual(pdf);
    expect([...entries.keys()].sort()).toEqual(["conversation.json", listed[0].file, listed[1].file].sort());

    // The JSON export lists the files without their bytes; the Markdown names them.
    const plain = JSON.parse(await (await exported(id, "json")).text());
    expect(plain.messages[0].attachments.map((file: { name: string; file?: string }) => [file.name, file.file])).toEqual([
      ["photo.png", undefined],
      ["guide.pdf", undefined],
    ]);
    expect(await (await exported(id, "md")).text()).toContain("- 📎 guide.pdf (PDF");

    const imported = await importZip(zip);
    expect(imported.status).toBe(201);
    const [copy] = ((await imported.json()) as { conversations: { id: string }[] }).conversations;
    const page = await getConversationPage(copy.id, undefined, 50);
    const files = page.messages[0].attachments ?? [];
    expect(files.map((file) => file.name)).toEqual(["photo.png", "guide.pdf"]);
    expect(files[0].url).toContain(copy.id);
    expect(await fileBytes(copy.id, files[0].id)).toEqual(photo);
    expect(await fileBytes(copy.id, files[1].id)).toEqual(pdf);
    // The PDF is read again in its new conversation, and recalled there by its words.
    expect(await textStateOf(database.url(), files[1].id)).toBe("read");
    const context = await getPromptContext(copy.id, "Where does the harbour tour leave from?");
    expect(context.messages.find((message) => message.section === "files")?.files?.[0]).toMatchObject({ name: "guide.pdf", page: 5 });
  });

  it("refuses a zip that is not an export, names a file it lacks, holds a file over the limit or one that inflates past what it declares, or a type not accepted; and stores nothing", async () => {
    const json = (files: { name: string; file: string }[]) =>
      Buffer.from(
        JSON.stringify({
          conversation: { title: "Hostile" },
          messages: [
            { role: "user", content: "Files.", status: "complete", createdAt: "2026-01-01T00:00:00.000Z", attachments: files },
            { role: "assistant", content: "Got them.", status: "complete", createdAt: "2026-01-01T00:00:01.000Z" },
          ],
          memory: { preferences: {}, facts: [] },
        }),
      );
    const before = await conversationsNow();
    const refusal = async (bytes: Buffer) => {
      const response = await importZip(bytes);
      return { status: response.status, body: (await response.json()) as { error: { code: string; message: string } } };
    };

    expect(await refusal(Buffer.from("not a zip at all"))).toMatchObject({ status: 422, body: { error: { code: "INVALID_IMPORT" } } });
    expect(await refusal(zipBytes([["notes.txt", Buffer.from("hi")]]))).toMatchObject({
      status: 422,
      body: { error: { message: expect.stringContaining("conversation.json") } },
    });
    expect(await refusal(zipBytes([["conversation.json", json([{ name: "a.png", file: "files/1/a.png" }])]]))).toMatchObject({
      status: 422,
      body: { error: { message: expect.stringContaining("files/1/a.png") } },
    });
    const big = Buffer.alloc(3 * 1_048_576, 0x41);
    expect(
      await refusal(
        zipBytes([
          ["conversation.json", json([{ name: "big.txt", file: "files/1/big.txt" }])],
          ["files/1/big.txt", big],
        ]),
      ),
    ).toMatchObject({ status: 413, body: { error: { code: "ATTACHMENT_TOO_LARGE" } } });
    // 30 MB of zeros that says it is 1 KB: inflated no further than 1 KB.
    expect(
      await refusal(
        zipBytes([
          ["conversation.json", json([{ name: "bomb.txt", file: "files/1/bomb.txt" }])],
          ["files/1/bomb.txt", Buffer.alloc(30 * 1_048_576, 0x41), 1_024],
        ]),
      ),
    ).toMatchObject({ status: 422, body: { error: { code: "INVALID_IMPORT", message: expect.stringContaining("bomb.txt") } } });
    // A program is not accepted, whatever its name.
    expect(
      await refusal(
        zipBytes([
          ["conversation.json", json([{ name: "setup.png", file: "files/1/setup.png" }])],
          ["files/1/setup.png", Buffer.concat([Buffer.from("MZ"), Buffer.alloc(2_000, 0x90)])],
        ]),
      ),
    ).toMatchObject({ status: 415, body: { error: { code: "UNSUPPORTED_FILE_TYPE", message: expect.stringContaining("setup.png") } } });
    // A directory packed with extra fields (each one an object to its reader), or holding too many entries.
    expect(await refusal(zipBytes([["conversation.json", json([]), undefined, Buffer.alloc(4_000)]]))).toMatchObject({
      status: 422,
      body: { error: { code: "INVALID_IMPORT" } },
    });
    const crowded = zipBytes(Array.from({ length: 5_001 }, (_, i): [string, Buffer] => [`files/${i}/a.txt`, Buffer.from("a")]));
    expect(await refusal(crowded)).toMatchObject({ status: 413, body: { error: { code: "IMPORT_TOO_LARGE" } } });
    // One small file named thousands of times counts each time.
    const many = Array.from({ length: 501 }, () => Array.from({ length: 10 }, () => ({ name: "a.txt", file: "files/1/a.txt" })));
    const named = Buffer.from(
      JSON.stringify({
        conversation: { title: "Many" },
        messages: many.flatMap((files, i) => [
          { role: "user", content: `Files ${i}.`, status: "complete", createdAt: "2026-01-01T00:00:00.000Z", attachments: files },
          { role: "assistant", content: "Got them.", status: "complete", createdAt: "2026-01-01T00:00:01.000Z" },
        ]),
        memory: { preferences: {}, facts: [] },
      }),
    );
    expect(
      await refusal(
        zipBytes([
          ["conversation.json", named],
          ["files/1/a.txt", Buffer.from("a")],
        ]),
      ),
    ).toMatchObject({ status: 413, body: { error: { code: "IMPORT_TOO_LARGE", message: expect.stringContaining("name more than") } } });
    // A zip sent as JSON is not read as one; nothing was stored by any of these.
    const asJson = await importRoute(
      new Request("http://localhost/api/conversations/import", { method: "POST", headers: { "content-type": "text/plain" }, body: "x" }),
    );
    expect(asJson.status).toBe(415);
    expect(await conversationsNow()).toBe(before);
    const leftover = await withClient(
      database.url(),
      async (client) =>
        (await client.query(`SELECT count(*)::int AS n FROM "Attachment" a WHERE a."name" IN ('bomb.txt', 'setup.png', 'big.txt')`)).rows[0]
          .n,
    );
    expect(leftover).toBe(0);
    // Each zip was written to a temporary file while it was read: none is left.
    expect((await readdir(tmpdir())).filter((name) => name.startsWith("memory-chat-import-"))).toEqual([]);
  });
});

describe("a zip export that cannot finish", () => {
  it("ends with an error, never a hang, when its files go while it is read", async () => {
    const id = randomUUID();
    const big = Buffer.alloc(1_500_000, 0x61);
    const notes = await attach(id, "notes.txt", big);
    expect((await readTurn(await postChat({ ...chatBody(id, "Notes."), attachments: [notes.id] }))).status).toBe(200);
    await settleRuns();
    const reader = (await exported(id)).body?.getReader();
    expect(reader).toBeDefined();
    const received: Uint8Array[] = [];
    const first = await reader?.read();
    if (first?.value) received.push(first.value);
    await withClient(database.url(), (client) => client.query(`DELETE FROM "AttachmentContent" WHERE "conversationId" = $1`, [id]));
    const drained = (async () => {
      for (;;) {
        const next = await reader?.read();
        if (!next || next.done) return "ended";
        received.push(next.value);
      }
    })().catch(() => "failed");
    const outcome = await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, 10_000, "hung"))]);
    // Never a hang. It fails, or (when the stream had read the file before it went, as Node 26 reads
    // ahead more) it ends with the file whole: never a zip cut short as if complete.
    expect(outcome).not.toBe("hung");
    if (outcome === "ended") {
      const entries = await entriesOf(Buffer.concat(received));
      expect([...entries.values()].some((bytes) => bytes.equals(big))).toBe(true);
    }
  });
});
