/**
 * Markdown's marks taken out of a short text, for where it is shown or read aloud as plain words (a
 * title, a search snippet, a screen reader's announcement): "**Offline model.**" reads "Offline model.".
 * Only marks that pair up around words go ("2**10", "my__init__.py" and "**kwargs" stay as they are); every
 * pattern is bounded, so the cost is linear in the text's length.
 */
export function plainText(text: string): string {
  // Marks inside marks ("**_x_**", "> - x") go one level a pass: a few passes, each linear, take what
  // a real text nests; deeper nesting keeps its inner marks rather than cost a pass a level.
  let plain = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const next = onePass(plain);
    if (next === plain) break;
    plain = next;
  }
  return plain;
}

const MAX_PASSES = 8;

function onePass(text: string): string {
  return (
    text
      // ![alt](url) and [text](url): their words.
      .replace(/!?\[([^\]\n]{0,500})\]\([^)\s]{0,2000}(?:\s+"[^"\n]{0,500}")?\)/g, "$1")
      // Headings, quotes and list bullets at a line's start, however many ("> - item").
      .replace(/^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+)+/gm, "")
      // A code fence's line.
      .replace(/^[ \t]{0,3}```[^\n]{0,100}$/gm, "")
      // Paired marks around words: **bold**, __bold__, ~~struck~~, `code`, *em*, _em_ (not inside a word).
      .replace(/(^|[^\p{L}\p{N}])(\*\*|__|~~)(?=\S)([^\n]{1,500}?)(?<=\S)\2(?![\p{L}\p{N}])/gmu, "$1$3")
      .replace(/`([^`\n]{1,500})`/g, "$1")
      .replace(/(^|[^\p{L}\p{N}*_])([*_])(?=\S)([^*_\n]{1,500}?)(?<=\S)\2(?![\p{L}\p{N}])/gmu, "$1$3")
  );
}
