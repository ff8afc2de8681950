import { embeddingModel } from "@/lib/ai/embeddings";
import { chatModel } from "@/lib/ai/model";
import { importConversations } from "@/lib/conversations/import/import-conversations";
import { parseImport } from "@/lib/conversations/import/parse-import";
import { scheduleAfterTurn } from "@/lib/conversations/turn/after-turn";
import { env, importLimits, memoryLimits } from "@/lib/env";
import { errorResponse } from "@/lib/http/error-response";
import { readJsonBody } from "@/lib/http/read-json";
import { refuseCrossSite } from "@/lib/http/same-origin";
import { enforceImportLimits, requestClient } from "@/lib/limits/enforce-limits";
import { withImportSlot } from "@/lib/limits/import-slots";

/**
 * Imports a ChatGPT export, this app's JSON export or a transcript. The whole file is read and
 * checked before anything is stored; then each conversation is stored in a transaction of its own.
 * Conversations with nothing to import (a ChatGPT chat holding only an image) are skipped and listed.
 * Imports per hour are limited per client and overall (lib/limits).
 */
export async function POST(request: Request): Promise<Response> {
  try {
    refuseCrossSite(request);
    // Refused before the body is read: reading and checking up to 50 MB is the cost being limited.
    const client = requestClient(request);
    await enforceImportLimits(client);
    return await withImportSlot(async () => {
      const body = await readJsonBody(request, env().IMPORT_MAX_BYTES);
      // Parsing and checking a large file are each tens of milliseconds: other requests get a turn between them.
      await new Promise((resolve) => setImmediate(resolve));
      const { conversations, skipped } = parseImport(body, importLimits());
      const imported = await importConversations(conversations, memoryLimits());
      // With an embedding model, the imported messages are embedded for recall after the response.
      if (embeddingModel()) {
        for (const { id } of imported) scheduleAfterTurn(id, { handle: chatModel(), limits: memoryLimits(), client });
      }
      return Response.json({ conversations: imported, skipped: skipped.map((title) => ({ title })) }, { status: 201 });
    });
  } catch (error) {
    return errorResponse(error);
  }
}
