import { MessagesSquare } from "lucide-react";
import { Switch } from "../ui/switch";
import { ConnectModelCard } from "./connect-model-card";

const SUGGESTIONS = [
  "My name is Sam and I love hiking. Remember that.",
  "What do you remember about me?",
  "Help me plan a weekend in Lisbon.",
  "Explain how your memory works.",
];

/**
 * A new conversation: the app's name, its promise, a few ways to begin, the Temporary chat switch,
 * and without a model how to connect one.
 */
export function EmptyState({
  offline,
  onSuggest,
  temporary,
  onTemporaryChange,
}: {
  offline: boolean;
  onSuggest: (text: string) => void;
  temporary: boolean;
  onTemporaryChange: (temporary: boolean) => void;
}) {
  return (
    <div className="flex flex-1 flex-col items-center justify-center-safe gap-6 overflow-y-auto p-6 text-center">
      <div>
        <MessagesSquare aria-hidden className="mx-auto size-10 text-indigo-600 dark:text-indigo-400" />
        <h2 className="mt-2 text-2xl font-semibold">Memory Chat</h2>
        <p className="mt-1 text-zinc-600 dark:text-zinc-400">
          {temporary
            ? "A temporary chat: it stays out of your chat list and your memory, and is deleted after 24 hours."
            : "Start a conversation: it is saved, and what you tell me about yourself is remembered in all your chats."}
        </p>
      </div>
      <ul aria-label="Suggestions" className="flex max-w-xl flex-wrap justify-center gap-2">
        {SUGGESTIONS.map((suggestion) => (
          <li key={suggestion}>
            <button
              type="button"
              onClick={() => onSuggest(suggestion)}
              className="rounded-full border border-zinc-300 px-3 py-1.5 text-sm text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800"
            >
              {suggestion}
            </button>
          </li>
        ))}
      </ul>
      <div className="w-full max-w-xs text-left text-sm">
        <Switch
          id="temporary-chat"
          label="Temporary chat"
          description="Not listed, not remembered, deleted after 24 hours."
          checked={temporary}
          onCheckedChange={onTemporaryChange}
        />
      </div>
      {offline && <ConnectModelCard />}
    </div>
  );
}
