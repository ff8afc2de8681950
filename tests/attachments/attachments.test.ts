import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deleteConversation } from "@/app/actions/conversations";
import { GET as download, DELETE as removeFile } from "@/app/api/conversations/[id]/attachments/[attachmentId]/route";
import { sweepUnsentAttachments } from "@/lib/attachments/sweep-attachments";
import { getConversationPage } from "@/lib/conversations/read";
import { settleRuns } from "@/lib/conversations/turn/reply-run";
import { setUpAppDatabase } from "../support/app-database";
import { attach, sendFile, textStateOf } from "../support/attachment-upload";
import { chatBody, postChat, readTurn } from "../support/chat";
import { withClient } from "../support/database";
import { jpegWithExif, pdfBytes, pngWithMetadata, pngWithoutMetadata } from "../support/sample-files";

const database = setUpAppDatabase({
  ATTACHMENT_MAX_BYTES: String(1_048_576),
  ATTACHMENTS_PER_MESSAGE: "10",
  ATTACHMENT_STORAGE_PER_CLIENT_BYTES: "3000000",
});

const fetchFile = (conversationId: string, attachmentId: string, query = "") =>
  download(new Request(`http://localhost/api/conversations/${conversationId}/attachments/${attachmentId}${query}`), {
    params: Promise.resolve({ id: conversationId, attachmentId }),
  });

const count = (table: string) =>
  withClient(database.url(), async (client) => (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0].n);

describe("attachments", () => {
  it("stores an image without its location, and serves it inline with headers that never let it run", async () => {
    const id = randomUUID();
    const png = await attach(id, "holiday.png", pngWithMetadata(3, 2));
    expect(png).toMatchObject({ name: "holiday.png", mediaType: "image/png", width: 3, height: 2, size: pngWithoutMetadata().length });
    const served = await fetchFile(id, png.id);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(pngWithoutMetadata(3, 2));
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("content-disposition")).toMatch(/^inline; filename="holiday.png"/);
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("content-security-policy")).toContain("sandbox");
    expect((await fetchFile(id, png.id, "?download")).headers.get("content-disposition")).toMatch(/^attachment;/);

    const jpeg = await attach(id, "IMG_2041.JPG", jpegWithExif(640, 480));
    expect(jpeg).toMatchObject({ mediaType: "image/jpeg", width: 640, height: 480 });
    const stored = Buffer.from(await (await fetchFile(id, jpeg.id)).arrayBuffer());
    expect(stored.includes(Buffer.from("Exif"))).toBe(false);
    expect(stored.includes(Buffer.from("GPS"))).toBe(false);
    expect(stored.includes(Buffer.from("Shot on a phone"))).toBe(false);
    expect(stored.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(stored.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
  });

  it("takes a file's type from its bytes, never from its name or the browser's claim", async () => {
    const id = randomUUID();
    const pdf = await attach(id, "report.png", pdfBytes());
    expect(pdf.mediaType).toBe("application/pdf");
    const servedPdf = await fetchFile(id, pdf.id);
    expect(servedPdf.headers.get("content-type")).toBe("application/pdf");
    expect(servedPdf.headers.get("content-disposition")).toMatch(/^attachment;/);

    const html = await attach(id, "cat.png", Buffer.from("<html><script>alert(document.cookie)</script></html>"));
    expect(html.mediaType).toBe("text/plain");
    const servedHtml = await fetchFile(id, html.id);
    expect(servedHtml.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(servedHtml.headers.get("content-disposition")).toMatch(/^attachment;/);

    const svg = await attach(id, "logo.svg", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'));
    expect(svg.mediaType).toBe("text/plain");
    expect((await fetchFile(id, svg.id)).headers.get("content-disposition")).toMatch(/^attachment;/);
    expect((await attach(id, "notes.md", Buffer.from("# Notes\n- one"))).mediaType).toBe("text/markdown");
    expect((await attach(id, "data.csv", Buffer.from("a,b\n1,2\n"))).mediaType).toBe("text/csv");
  });

  it("refuses what it does not accept, too large, or past a quota, each with its typed error, writing nothing", async () => {
    const id = randomUUID();
    const before = { contents: await count("AttachmentContent"), chunks: await count("AttachmentChunk"), files: await count("Attachment") };
    const refused = async (response: Response) => ({
      status: response.status,
      code: ((await response.json()) as { error: { code: string } }).error.code,
    });

    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(2_000, 0x90)]);
    expect(await refused(await sendFile(id, "setup.exe", exe))).toEqual({ status: 415, code: "UNSUPPORTED_FILE_TYPE" });
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200)]);
    expect(await refused(await sendFile(id, "archive.docx", zip))).toEqual({ status: 415, code: "UNSUPPORTED_FILE_TYPE" });
    // Text that turns binary past its first bytes.
    const mixed = Buffer.concat([Buffer.alloc(70_000, 0x61), Buffer.from([0xff, 0xfe, 0x00])]);
    expect(await refused(await sendFile(id, "log.txt", mixed))).toEqual({ status: 415, code: "UNSUPPORTED_FILE_TYPE" });

    // Declared too large: refused before the body is read.
    expect(await refused(await sendFile(id, "big.pdf", new Uint8Array(0), { "content-length": String(60 * 1_048_576) }))).toEqual({
      status: 413,
      code: "ATTACHMENT_TOO_LARGE",
    });
    // Undeclared, and longer than the limit as it streams: cut, and what was written goes.
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 65_536;
        controller.enqueue(new Uint8Array(65_536).fill(sent === 65_536 ? 0x25 : 0x41));
        if (sent > 4 * 1_048_576) controller.close();
      },
    });
    expect(await refused(await sendFile(id, "stream.txt", endless))).toEqual({ status: 413, code: "ATTACHMENT_TOO_LARGE" });
    expect(sent).toBeLessThan(2 * 1_048_576);

    expect(await refused(await sendFile(id, "x.txt", Buffer.from("hi"), { "content-type": "text/plain" }))).toEqual({
      status: 415,
      code: "UNSUPPORTED_MEDIA_TYPE",
    });
    expect(await refused(await sendFile(id, "x.txt", Buffer.from("hi"), { "sec-fetch-site": "cross-site" }))).toEqual({
      status: 403,
      code: "CROSS_SITE",
    });
    expect({
      contents: await count("AttachmentContent"),
      chunks: await count("AttachmentChunk"),
      files: await count("Attachment"),
    }).toEqual(before);

    // Eleven files on one message: refused before anything is stored.
    const files = [];
    for (let i = 0; i < 11; i++) files.push((await attach(id, `note-${i}.txt`, Buffer.from(`note ${i}`))).id);
    const eleven = await readTurn(await postChat({ ...chatBody(id, "Here are my notes"), attachments: files }));
    expect(eleven).toMatchObject({ status: 400, error: { code: "TOO_MANY_ATTACHMENTS" } });
    expect((await getConversationPage(id, undefined, 50)).messages).toEqual([]);
    // Another conversation's file, or one that does not exist, is not taken.
    const elsewhere = await attach(randomUUID(), "theirs.txt", Buffer.from("theirs"));
    const foreign = await readTurn(await postChat({ ...chatBody(id, "Mine?"), attachments: [elsewhere.id] }));
    expect(foreign).toMatchObject({ status: 404, error: { code: "ATTACHMENT_NOT_FOUND" } });
  });

  it("goes with the message that sends it: shown with it, described by the offline model, stored once, deleted with its conversation", async () => {
    const id = randomUUID();
    const notes = await attach(id, "notes.txt", Buffer.from("Buy milk.\nCall Ana."));
    const again = await attach(id, "notes (1).txt", Buffer.from("Buy milk.\nCall Ana."));
    const photo = await attach(id, "photo.png", pngWithMetadata(4, 3));
    expect(
      await withClient(
        database.url(),
        async (c) => (await c.query(`SELECT 1 FROM "AttachmentContent" WHERE "conversationId" = $1`, [id])).rowCount,
      ),
    ).toBe(2);

    const removed = await removeFile(
      new Request(`http://localhost/api/conversations/${id}/attachments/${again.id}`, {
        method: "DELETE",
        headers: { "content-type": "application/json" },
      }),
      { params: Promise.resolve({ id, attachmentId: again.id }) },
    );
    expect(removed.status).toBe(204);
    expect((await fetchFile(id, again.id)).status).toBe(404);
    // The bytes it shared with the other stay.
    expect((await fetchFile(id, notes.id)).status).toBe(200);

    expect(await textStateOf(database.url(), notes.id)).toBe("read");
    const turn = await readTurn(await postChat({ ...chatBody(id, ""), attachments: [notes.id, photo.id] }));
    await settleRuns();
    expect(turn.status).toBe(200);
    expect(turn.text).toContain("I received 2 files: notes.txt (text, 19 bytes, 1 passage of text); photo.png (PNG image, 4×3 pixels,");
    const [user] = (await getConversationPage(id, undefined, 50)).messages;
    expect(user.content).toBe("Attached: notes.txt, photo.png");
    expect(user.attachments?.map((file) => file.name)).toEqual(["notes.txt", "photo.png"]);
    expect(user.attachments?.[1].url).toBe(`/api/conversations/${id}/attachments/${photo.id}`);
    // Sent: no longer removable, nor sendable again.
    await removeFile(new Request(`http://localhost/x`, { method: "DELETE", headers: { "content-type": "application/json" } }), {
      params: Promise.resolve({ id, attachmentId: notes.id }),
    });
    expect((await fetchFile(id, notes.id)).status).toBe(200);
    expect((await readTurn(await postChat({ ...chatBody(id, "Again"), attachments: [notes.id] }))).error?.code).toBe(
      "ATTACHMENT_NOT_FOUND",
    );

    expect(await deleteConversation({ id })).toMatchObject({ ok: true });
    expect((await fetchFile(id, photo.id)).status).toBe(404);
    expect(
      await withClient(
        database.url(),
        async (c) => (await c.query(`SELECT 1 FROM "AttachmentContent" WHERE "conversationId" = $1`, [id])).rowCount,
      ),
    ).toBe(0);
  });

  it("an edit keeps the files the user keeps and drops the others; the version before keeps all; a resent message keeps its files", async () => {
    const id = randomUUID();
    const a = await attach(id, "a.txt", Buffer.from("first file"));
    const b = await attach(id, "b.txt", Buffer.from("second file"));
    const messageId = randomUUID();
    const body = { ...chatBody(id, "Two files", messageId), attachments: [a.id, b.id] };
    expect((await readTurn(await postChat(body))).status).toBe(200);
    await settleRuns();
    // The same message sent again (a network retry): its files are its own already, not refused.
    expect((await readTurn(await postChat(body))).status).toBe(200);
    await settleRuns();
    const sent = (await getConversationPage(id, undefined, 50)).messages[0];
    expect(sent.attachments?.map((file) => file.name)).toEqual(["a.txt", "b.txt"]);

    const edited = await readTurn(await postChat({ ...chatBody(id, "Only the first file"), edit: messageId, keep: [a.id] }));
    await settleRuns();
    expect(edited.status).toBe(200);
    expect(edited.text).toContain("I received one file: a.txt");
    const page = await getConversationPage(id, undefined, 50);
    const [version] = page.messages;
    expect(version.content).toBe("Only the first file");
    expect(version.attachments?.map((file) => file.name)).toEqual(["a.txt"]);
    expect(version.attachments?.[0].id).not.toBe(a.id);
    expect(Buffer.from(await (await fetchFile(id, version.attachments?.[0].id ?? "")).arrayBuffer()).toString()).toBe("first file");
    // Only an edit keeps files, and only the edited message's.
    expect((await readTurn(await postChat({ ...chatBody(id, "Keep?"), keep: [a.id] }))).status).toBe(400);
  });

  it("sweeps uploads never sent, and keeps those sent", async () => {
    const id = randomUUID();
    const unsent = await attach(id, "draft.txt", Buffer.from("never sent"));
    const sent = await attach(id, "sent.txt", Buffer.from("sent"));
    expect((await readTurn(await postChat({ ...chatBody(id, "With a file"), attachments: [sent.id] }))).status).toBe(200);
    await settleRuns();
    expect(await sweepUnsentAttachments("1 hour")).toBe(0);
    expect(await sweepUnsentAttachments("0 seconds")).toBeGreaterThan(0);
    // Its bytes go on the next sweep, once nothing names them.
    await sweepUnsentAttachments("0 seconds");
    expect((await fetchFile(id, unsent.id)).status).toBe(404);
    expect((await fetchFile(id, sent.id)).status).toBe(200);
    expect(
      await withClient(database.url(), async (c) => (await c.query(`SELECT 1 FROM "AttachmentContent" WHERE "sha256" IS NULL`)).rowCount),
    ).toBe(0);
  });

  it("refuses an upload past the client's storage quota, naming it", async () => {
    const id = randomUUID();
    for (const letter of "abc") await attach(id, `${letter}.txt`, Buffer.alloc(900_000, letter));
    const fourth = await sendFile(id, "d.txt", Buffer.alloc(900_000, "d"));
    expect(fourth.status).toBe(413);
    expect(await fourth.json()).toMatchObject({ error: { code: "STORAGE_QUOTA_REACHED", message: expect.stringContaining("2.9 MB") } });
  });
});
