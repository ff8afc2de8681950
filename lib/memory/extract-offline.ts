import type { Extraction } from "./bounds";

const clean = (value: string) =>
  value
    .replace(/\s+/g, " ")
    .replace(/^["'“‘]+|["'”’.,;:!?)\s]+$/g, "")
    .trim();

/** "Berlin last year" is Berlin: when is not where. */
const withoutWhen = (value: string) =>
  value.replace(/\s+(?:(?:last|this|next) (?:year|month|week)|recently|now|yesterday|today|in \d{4})$/i, "");

const RULES: { key: string; pattern: RegExp; normalize?: (value: string) => string }[] = [
  // A name is one word, then only capitalised words: "my name is Ada and ..." gives "Ada".
  { key: "name", pattern: /\b[Mm]y\s+[Nn]ame\s+[Ii]s\s+([\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]*){0,2})/u },
  { key: "name", pattern: /\b[Cc]all\s+[Mm]e\s+([\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]*){0,2})/u },
  // "I'm Dana, …": a capitalised word alone before a pause, and not a word that often follows "I'm".
  {
    key: "name",
    pattern:
      /\b[Ii](?:'|’)m\s+(?!(?:Fine|Good|Okay|OK|Sorry|Back|Here|Ready|Sure|Done|Happy|Tired|English|French|German|Spanish|Italian|American|British|Canadian)\b)(\p{Lu}[\p{L}'-]+)(?=\s*(?:[,.!;]|$|\s+and\b))/u,
  },
  { key: "preference", pattern: /\b(?:i|and)\s+(?:really\s+)?(?:prefer|like|love)\s+([^.;!?\n]{1,120})/i },
  // Where the user works and lives: a later statement replaces the earlier one, also across chats.
  {
    key: "work",
    pattern: /\bi (?:work|am working|'m working|’m working) (?:at|for)\s+([^.;!?,\n]{1,80}?)(?=\s+and\b|[.;!?,\n]|$)/i,
    normalize: withoutWhen,
  },
  {
    key: "location",
    pattern:
      /\bi (?:live in|moved to|have moved to|just moved to|'ve moved to|’ve moved to)\s+([^.;!?,\n]{1,80}?)(?=\s+and\b|[.;!?,\n]|$)/i,
    normalize: withoutWhen,
  },
  { key: "topic", pattern: /\blet'?s (?:talk|chat) about\s+([^.;!?\n]{1,80})/i, normalize: (v) => v.toLowerCase() },
  { key: "topic", pattern: /\btopic\s*:\s*([^.;!?\n]{1,80})/i, normalize: (v) => v.toLowerCase() },
  { key: "language", pattern: /\b(?:answer|reply|respond) in\s+([a-z][a-z -]{1,30})/i, normalize: (v) => v.toLowerCase() },
];

const FACTS = /\bi (?:am|work|live|have|was born|study)\b[^.!?\n]{2,200}/gi;

/**
 * Deterministic extraction for the offline model: "my name is X" or "I'm X" (name), "I prefer/like X"
 * (preference), "I work at X" (work), "I live in X" or "I moved to X" (location), "let's talk about X"
 * / "topic: X" (topic), and first-person statements as facts.
 */
export function extractOffline(text: string): Extraction {
  const preferences: Extraction["preferences"] = [];
  for (const rule of RULES) {
    if (preferences.some((preference) => preference.key === rule.key)) continue;
    const match = rule.pattern.exec(text);
    const value = match && clean(match[1]);
    if (value) preferences.push({ key: rule.key, value: rule.normalize ? rule.normalize(value) : value });
  }
  const facts = [...text.matchAll(FACTS)].map((match) => `User said: ${clean(match[0])}`);
  return { preferences, facts };
}
