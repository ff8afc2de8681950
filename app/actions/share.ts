"use server";

import { idInputSchema, MESSAGE_PAGE_SIZE, sharedPageInputSchema } from "@/lib/conversations/inputs";
import {
  getSharedPage,
  getShareLink,
  revokeShareLink,
  type SharedPage,
  type ShareLinkView,
  shareConversation,
} from "@/lib/conversations/share";
import { type ActionResult, runAction } from "@/lib/http/action";

/** A read-only link to the conversation up to its last message (the same link, moved, if it has one). */
export async function createShareLink(input: unknown): Promise<ActionResult<ShareLinkView>> {
  return runAction(idInputSchema, input, ({ id }) => shareConversation(id));
}

export async function readShareLink(input: unknown): Promise<ActionResult<ShareLinkView | null>> {
  return runAction(idInputSchema, input, ({ id }) => getShareLink(id));
}

/** Revokes the link: whoever holds it can no longer read. There is none to show after. */
export async function removeShareLink(input: unknown): Promise<ActionResult<null>> {
  return runAction(idInputSchema, input, async ({ id }) => {
    await revokeShareLink(id);
    return null;
  });
}

/** A page of a shared conversation, for its read-only view: by token, never by id. */
export async function getSharedConversation(input: unknown): Promise<ActionResult<SharedPage>> {
  return runAction(sharedPageInputSchema, input, ({ token, before }) => getSharedPage(token, before, MESSAGE_PAGE_SIZE));
}
