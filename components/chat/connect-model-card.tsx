import { PlugZap } from "lucide-react";
import { CopyButton } from "./copy-button";

const EXAMPLES = [
  { name: "OpenAI", settings: "OPENAI_API_KEY=sk-your-key\nOPENAI_MODEL=gpt-4o-mini" },
  { name: "Ollama", settings: "OPENAI_BASE_URL=http://localhost:11434/v1\nOPENAI_MODEL=llama3.2" },
];

/** Without a model: what to set, where, and that the app must restart to read it. */
export function ConnectModelCard() {
  return (
    <section
      aria-labelledby="connect-model"
      className="w-full max-w-xl rounded-xl border border-amber-300 bg-amber-50 p-4 text-left text-sm text-zinc-800 dark:border-amber-800 dark:bg-amber-950/40 dark:text-zinc-200"
    >
      <h2 id="connect-model" className="flex items-center gap-2 font-semibold">
        <PlugZap aria-hidden className="size-4" />
        Connect a model
      </h2>
      <p className="mt-1">
        Replies now come from the built-in offline model, which answers only from what memory holds. For a real model, put one of these in{" "}
        <code>.env.local</code> in the app's folder (or set them in the shell), then restart the app.
      </p>
      <div className="mt-3 grid gap-2 sm:grid-cols-2">
        {EXAMPLES.map(({ name, settings }) => (
          <figure key={name} className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-700 dark:bg-zinc-900">
            <figcaption className="flex items-center justify-between border-b border-zinc-200 py-0.5 pr-1 pl-3 text-xs font-medium dark:border-zinc-700">
              {name}
              <CopyButton text={settings} label={`Copy the ${name} settings`} />
            </figcaption>
            {/* Lines kept whole (an address cut mid-way misleads): a narrow card scrolls, by keyboard too. */}
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to be scrolled by keyboard */}
            <pre tabIndex={0} className="overflow-x-auto px-3 py-2 font-mono text-xs whitespace-pre">
              {settings}
            </pre>
          </figure>
        ))}
      </div>
    </section>
  );
}
