// @vscode/markdown-it-katex ships no types; only its parsing rules are used.
declare module "@vscode/markdown-it-katex" {
  import type { PluginSimple } from "markdown-it";

  const markdownItKatex: PluginSimple;
  export default markdownItKatex;
}
