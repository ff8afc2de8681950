/**
 * Markdown's marks taken out of a short text, for where it is shown or read aloud as plain words (a
 * title, a search snippet, a screen reader's announcement): "**Offline model.**" reads "Offline model.".
 * Linear in the text's length: each pattern is anchored or bounded.
 */
export function plainText(text: string): string {
  return (
    text
      // ![alt](url) and [text](url): their words.
      .replace(/!?\[([^\]\n]{0,500})\]\([^)\s]{0,2000}(?:\s+"[^"\n]{0,500}")?\)/g, "$1")
      // Headings, quotes and list bullets at a line's start.
      .replace(/^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+)/gm, "")
      // Fences, emphasis, strikethrough and code marks.
      .replace(/```[^\n]{0,100}|\*\*|__|~~|`/g, "")
      .replace(/(^|[\s(])[*_](?=\S)|(?<=\S)[*_](?=[\s).,!?:;]|$)/g, "$1")
  );
}
