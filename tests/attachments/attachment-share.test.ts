import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as sharedFile } from "@/app/api/share/[token]/attachments/[attachmentId]/route";
import { getSharedPage, revokeShareLink, shareConversation } from "@/lib/conversations/share";
import { settleRuns } from "@/lib/conversations/turn/reply-run";
import { setUpAppDatabase } from "../support/app-database";
import { attach } from "../support/attachment-upload";
import { chatBody, postChat, readTurn } from "../support/chat";
import { jpegWithExif, pdfBytes, pngWithoutMetadata } from "../support/sample-files";

setUpAppDatabase();

async function sendWith(id: string, text: string, files: [string, Buffer][]): Promise<string[]> {
  const ids: string[] = [];
  for (const [name, bytes] of files) ids.push((await attach(id, name, bytes)).id);
  expect((await readTurn(await postChat({ ...chatBody(id, text), attachments: ids }))).status).toBe(200);
  await settleRuns();
  return ids;
}

const get = (url: string, headers: Record<string, string> = {}) => {
  const [, token, attachmentId] = /^\/api\/share\/([^/]+)\/attachments\/([^/?]+)/.exec(url) ?? [];
  return sharedFile(new Request(`http://localhost${url}`, { headers }), { params: Promise.resolve({ token, attachmentId }) });
};

describe("files through a share link", () => {
  it("shows the files of the shared messages, served only through the link, and nothing sent after it or after a revoke", async () => {
    const id = randomUUID();
    const photo = pngWithoutMetadata(5, 4);
    const [photoId, pdfId] = await sendWith(id, "Here they are.", [
      ["photo.png", photo],
      ["plan.pdf", pdfBytes()],
    ]);
    const { token } = await shareConversation(id);
    const [laterId] = await sendWith(id, "One more, after sharing.", [["later.jpg", jpegWithExif()]]);

    const page = await getSharedPage(token, undefined, 50);
    const files = page.messages.flatMap((message) => message.attachments ?? []);
    expect(files.map((file) => file.name)).toEqual(["photo.png", "plan.pdf"]);
    // The link's address, never the conversation's (its id is the key to write).
    for (const file of files) {
      expect(file.url).toBe(`/api/share/${token}/attachments/${file.id}`);
      expect(file.url).not.toContain(id);
    }

    const image = await get(files[0].url);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-disposition")).toMatch(/^inline/);
    expect(image.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await image.arrayBuffer())).toEqual(photo);
    const pdf = await get(files[1].url);
    expect(pdf.headers.get("content-disposition")).toMatch(/^attachment/);
    expect(pdf.headers.get("content-security-policy")).toContain("sandbox");

    // A file sent after the link's message, one another link does not show, a malformed address: not found.
    expect((await get(`/api/share/${token}/attachments/${laterId}`)).status).toBe(404);
    const other = randomUUID();
    await sendWith(other, "Another chat.", [["secret.png", pngWithoutMetadata(2, 2)]]);
    const { token: otherToken } = await shareConversation(other);
    expect((await get(`/api/share/${otherToken}/attachments/${photoId}`)).status).toBe(404);
    expect((await get(`/api/share/${token}/attachments/not-a-uuid`)).status).toBe(404);
    expect((await get(`/api/share/short/attachments/${photoId}`)).status).toBe(404);
    // Another site cannot embed or fetch it through a visitor.
    expect((await get(files[0].url, { "sec-fetch-site": "cross-site" })).status).toBe(403);

    // Sharing again moves the link on: the later file is shown; revoked, nothing is.
    await shareConversation(id);
    expect((await get(`/api/share/${token}/attachments/${laterId}`)).status).toBe(200);
    await revokeShareLink(id);
    for (const attachment of [photoId, pdfId, laterId])
      expect((await get(`/api/share/${token}/attachments/${attachment}`)).status).toBe(404);
  });
});
