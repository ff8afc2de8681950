"use server";

import { z } from "zod";
import {
  branchInputSchema,
  idInputSchema,
  idListSchema,
  MESSAGE_PAGE_SIZE,
  modelInputSchema,
  pageInputSchema,
  renameInputSchema,
  searchInputSchema,
} from "@/lib/conversations/inputs";
import { type ConversationPage, getConversationPage, listConversations as list } from "@/lib/conversations/read";
import { type SearchResults, searchConversations as search } from "@/lib/conversations/search";
import { switchBranch as switchTo } from "@/lib/conversations/switch-branch";
import type { ConversationSummary } from "@/lib/conversations/views";
import {
  chooseConversationModel,
  createConversation as create,
  keepConversation as keep,
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

/** Shows another version (Previous version / Next version): that branch becomes current, and its latest page comes back. */
export async function switchBranch(input: unknown): Promise<ActionResult<ConversationPage>> {
  return runAction(branchInputSchema, input, async ({ id, branch }) => {
    await switchTo(id, branch);
    return getConversationPage(id, undefined, MESSAGE_PAGE_SIZE);
  });
}

export async function listConversations(ids: unknown): Promise<ActionResult<ConversationSummary[]>> {
  return runAction(idListSchema, ids, list, (known) => 1 + Math.floor(known.length / 100));
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

/** A temporary chat the user keeps: it is not deleted after its 24 hours (it still feeds no memory across chats). */
export async function keepConversation(input: unknown): Promise<ActionResult<null>> {
  return runAction(idInputSchema, input, async ({ id }) => {
    await keep(id);
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
  // Each conversation searched costs index lookups: a search over 500 counts as 11 actions.
  return runAction(searchInputSchema, input, search, ({ ids }) => 1 + Math.floor(ids.length / 50));
}
