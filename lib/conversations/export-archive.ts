import "server-only";
import { Readable } from "node:stream";
import yazl from "yazl";
import { selectChunk } from "../db/queries/attachment-queries";
import { exportDisposition } from "./export-format";
import { exportBody } from "./export-stream";

/** Types whose bytes are compressed already (images, PDF, DOCX): stored as they are, not deflated again. */
const DEFLATED = /^(text\/|application\/json$)/;

/** A file's bytes, a chunk at a time, read only as the zip takes them. */
async function* fileChunks(contentId: string): AsyncGenerator<Buffer> {
  for (let index = 0; ; index++) {
    const chunk = await selectChunk(contentId, index);
    if (!chunk) return;
    yield chunk;
  }
}

/**
 * The conversation as a zip: `conversation.json` (the JSON export, each message listing its files
 * with their paths) and each file's bytes under `files/`, written as the client reads it: the JSON a
 * batch of messages at a time, each file a chunk at a time, so that memory holds one of each whatever
 * the conversation's size. Files are added as the JSON lists them, after it in the zip.
 */
export async function exportArchiveResponse(id: string): Promise<Response> {
  const zip = new yazl.ZipFile();
  const { body, title } = await exportBody(id, "json", {
    files: (file, path) =>
      zip.addReadStreamLazy(path, { compress: DEFLATED.test(file.mediaType), size: file.size }, (done) =>
        done(null, Readable.from(fileChunks(file.contentId))),
      ),
    end: () => zip.end(),
  });
  zip.addReadStreamLazy("conversation.json", (done) => done(null, Readable.fromWeb(body as import("node:stream/web").ReadableStream)));
  return new Response(Readable.toWeb(zip.outputStream as Readable) as ReadableStream<Uint8Array>, {
    headers: { "content-type": "application/zip", "content-disposition": exportDisposition(title, "zip") },
  });
}
