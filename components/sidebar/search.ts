/**
 * Parses the sidebar's search box: `key:value` or `key=value` words are remembered preferences
 * (e.g. `topic:pricing`), the rest are words, looked for in titles and in what was said.
 */
export function parseSearch(query: string): { text?: string; preferences?: Record<string, string> } {
  const preferences: Record<string, string> = {};
  const words: string[] = [];
  for (const word of query.trim().split(/\s+/).filter(Boolean)) {
    const match = /^([a-zA-Z][\w]{0,39})[:=](.+)$/.exec(word);
    if (match) preferences[match[1].toLowerCase()] = match[2];
    else words.push(word);
  }
  return {
    ...(words.length > 0 && { text: words.join(" ") }),
    ...(Object.keys(preferences).length > 0 && { preferences }),
  };
}
