"use server";

import { z } from "zod";
import {
  idInputSchema,
  idListSchema,
  modelInputSchema,
  pageInputSchema,
  renameInputSchema,
  searchInputSchema,
} from "@/lib/conversations/inputs";
import { type ConversationPage, getConversationPage, listConversations as list } from "@/lib/conversations/read";
import { type SearchResults, searchConversations as search } from "@/lib/conversations/search";
import type { ConversationSummary } from "@/lib/conversations/views";
import {
  chooseConversationModel,
  createConversation as create,
  deleteConversation as remove,
  renameConversation as rename,
} from "@/lib/conversations/write";
import { type ActionResult, runAction } from "@/lib/http/action";

export async function createConversation(): Promise<ActionResult<{ id: string }>> {
  return runAction(z.undefined(), undefined, () => create());
}

export async function getConversation(input: unknown): Promise<ActionResult<ConversationPage>> {
  return runAction(pageInputSchema, input, ({ id, before, limit }) => getConversationPage(id, before, limit));
}

export async function listConversations(ids: unknown): Promise<ActionResult<ConversationSummary[]>> {
  return runAction(idListSchema, ids, list);
}

export async function renameConversation(input: unknown): Promise<ActionResult<null>> {
  return runAction(renameInputSchema, input, async ({ id, title }) => {
    await rename(id, title);
    return null;
  });
}

export async function chooseModel(input: unknown): Promise<ActionResult<null>> {
  return runAction(modelInputSchema, input, async ({ id, model }) => {
    await chooseConversationModel(id, model);
    return null;
  });
}

export async function deleteConversation(input: unknown): Promise<ActionResult<null>> {
  return runAction(idInputSchema, input, async ({ id }) => {
    await remove(id);
    return null;
  });
}

export async function searchConversations(input: unknown): Promise<ActionResult<SearchResults>> {
  return runAction(searchInputSchema, input, search);
}
