import { scheduleEmbedding } from "@/lib/conversations/embedding-queue";
import { importArchive } from "@/lib/conversations/import/import-archive";
import { refundImportLimits } from "@/lib/conversations/import/import-budget";
import { importConversations } from "@/lib/conversations/import/import-conversations";
import { importJsonBounds } from "@/lib/conversations/import/import-json-bounds";
import { holdUpload, UPLOADS_PER_INSTANCE_IN_LARGEST_FILES } from "@/lib/conversations/import/import-uploads";
import { parseJsonInSteps } from "@/lib/conversations/import/json-in-steps";
import { parseImportInSteps } from "@/lib/conversations/import/parse-import";
import { receiveArchive } from "@/lib/conversations/import/receive-archive";
import { expectedImportBytes, type ReceivedImport, receiveImport } from "@/lib/conversations/import/receive-import";
import { pauser } from "@/lib/conversations/steps";
import { env, importLimits, memoryLimits } from "@/lib/env";
import { errorResponse } from "@/lib/http/error-response";
import { refuseCrossSite } from "@/lib/http/same-origin";
import { enforceImportLimits, requestClient } from "@/lib/limits/enforce-limits";
import { withImportSlot } from "@/lib/limits/import-slots";
import { memoryIdOf } from "@/lib/saved-memories/memory-header";

/** Parses, checks and stores a file that has arrived, giving other requests a turn all along. */
async function importFile(
  received: ReceivedImport,
  { client, memoryId }: { client: string; memoryId: string | null },
  pause: () => Promise<void>,
): Promise<Response> {
  const body = await parseJsonInSteps(received.bytes, received.layout, pause);
  const { conversations, skipped } = await parseImportInSteps(body, importLimits(), pause);
  const imported = await importConversations(conversations, memoryLimits(), memoryId);
  // The imported messages are embedded for recall after the response (with an embedding model).
  for (const { id } of imported) scheduleEmbedding(id, client);
  return Response.json({ conversations: imported, skipped: skipped.map((title) => ({ title })) }, { status: 201 });
}

/** A zip export, written to a temporary file as it arrives, imported with its files once it is whole. */
async function importZip(
  request: Request,
  { client, memoryId, expectedBytes }: { client: string; memoryId: string | null; expectedBytes: number },
  pause: () => Promise<void>,
): Promise<Response> {
  const config = env();
  const { file, remove } = await receiveArchive(request, {
    maxBytes: config.IMPORT_ARCHIVE_MAX_BYTES,
    expectedBytes,
    minBytesPerSecond: config.IMPORT_MIN_BYTES_PER_SECOND,
  });
  try {
    const imported = await withImportSlot(
      () => importArchive(file, { client, memoryId }, pause),
      () => refundImportLimits(client),
    );
    for (const { id } of imported.conversations) scheduleEmbedding(id, client);
    return Response.json(imported, { status: 201 });
  } finally {
    await remove();
  }
}

/**
 * Imports a ChatGPT export, this app's JSON export (or its zip export, with the files) or a transcript. The body is checked as it arrives
 * (size, rate, nesting, values, strings), then parsed and checked whole before anything is stored; then
 * each conversation is stored in a transaction of its own. Conversations with nothing to import (a
 * ChatGPT chat holding only an image) are skipped and listed. Imports per hour are limited per client
 * and overall (lib/limits); uploads in flight per client and in bytes per instance; and an instance
 * works on two imports at once, each taking its slot once its body has arrived. The conversations
 * feed the memory named by X-Memory-Id, if any.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    refuseCrossSite(request);
    const config = env();
    // A zip is an export with its files (application/zip); anything else must be JSON.
    const archive = /^application\/zip\b/i.test(request.headers.get("content-type") ?? "");
    const maxBytes = archive ? config.IMPORT_ARCHIVE_MAX_BYTES : config.IMPORT_MAX_BYTES;
    const expectedBytes = expectedImportBytes(request, maxBytes, archive ? "zip" : "json");
    const client = requestClient(request);
    // With memory across chats, the imported conversations feed the browser's memory (X-Memory-Id).
    const memoryId = memoryIdOf(request);
    const release = holdUpload(client, expectedBytes, {
      instanceMaxBytes: UPLOADS_PER_INSTANCE_IN_LARGEST_FILES * maxBytes,
      networkMaxBytes: maxBytes,
      // A zip waits on disk, a JSON body in memory: each has its own room.
      pool: archive ? "disk" : "memory",
    });
    try {
      // Counted before the body is read: receiving and checking up to 50 MB is the cost being limited.
      await enforceImportLimits(client);
      const pause = pauser();
      if (archive) return await importZip(request, { client, memoryId, expectedBytes }, pause);
      const received = await receiveImport(request, {
        maxBytes: config.IMPORT_MAX_BYTES,
        expectedBytes,
        minBytesPerSecond: config.IMPORT_MIN_BYTES_PER_SECOND,
        bounds: importJsonBounds(config),
        pause,
      });
      // A request refused as BUSY did none of the work its count stands for: it gets it back.
      return await withImportSlot(
        () => importFile(received, { client, memoryId }, pause),
        () => refundImportLimits(client),
      );
    } finally {
      release();
    }
  } catch (error) {
    return errorResponse(error);
  }
}
