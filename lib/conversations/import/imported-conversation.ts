/** One conversation read from an import file, before anything is stored. */
export interface ImportedMessage {
  role: "user" | "assistant";
  content: string;
  /** When the message was sent; null when the file does not say. */
  createdAt: Date | null;
  /** How a reply ended, from this app's own export; anything else imports as complete. */
  status?: "complete" | "stopped" | "interrupted" | "failed";
  /** From a zip export: the files it was sent with, by their path in the zip. */
  files?: { name: string; path: string }[];
}

export interface ImportedConversation {
  title: string | null;
  messages: ImportedMessage[];
  /** From this app's own export: memory's preferences and facts as they were, so a round trip keeps them. */
  restored?: { preferences: Record<string, string>; facts: string[] };
}
