import { Tiktoken } from "js-tiktoken/lite";
import o200kBase from "js-tiktoken/ranks/o200k_base";

let encoder: Tiktoken | undefined;

/** Tokens of a text with the o200k_base encoding, whose ranks ship with js-tiktoken: no download. */
export function countTokens(text: string): number {
  encoder ??= new Tiktoken(o200kBase);
  return encoder.encode(text).length;
}

/** Chat formats add a few tokens of framing to every message. */
export const MESSAGE_OVERHEAD_TOKENS = 4;
