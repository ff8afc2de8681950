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
  const output = zip.outputStream as Readable;
  // A failed read (a file deleted meanwhile, the database gone) ends the download with an error, never a hang.
  const failed = (error: Error) => output.destroy(error);
  zip.on("error", failed);
  const source = (stream: Readable) => stream.on("error", failed);
  const { body, title } = await exportBody(id, "json", {
    files: (file, path) =>
      zip.addReadStreamLazy(path, { compress: DEFLATED.test(file.mediaType), size: file.size }, (done) =>
        done(null, source(Readable.from(fileChunks(file.contentId), { highWaterMark: 1 }))),
      ),
    end: () => zip.end(),
  });
  zip.addReadStreamLazy("conversation.json", (done) =>
    done(null, source(Readable.fromWeb(body as import("node:stream/web").ReadableStream, { highWaterMark: 1 }))),
  );
  return new Response(Readable.toWeb(output) as ReadableStream<Uint8Array>, {
    headers: { "content-type": "application/zip", "content-disposition": exportDisposition(title, "zip") },
  });
}
