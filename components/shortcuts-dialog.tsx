"use client";

import { Modal } from "./ui/modal";

/** Every keyboard shortcut, as the "?" dialog lists it; "Mod" is Ctrl, or ⌘ on a Mac. */
const SHORTCUTS = [
  { keys: ["Mod", "K"], does: "Search conversations" },
  { keys: ["Mod", "Shift", "O"], does: "Start a new chat" },
  { keys: ["Esc"], does: "Stop the reply being written" },
  { keys: ["Enter"], does: "Send the message" },
  { keys: ["Shift", "Enter"], does: "New line in the message" },
  { keys: ["↑"], does: "Edit your last message (in an empty message box)" },
  { keys: ["?"], does: "Show these shortcuts" },
] as const;

const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const mod = isMac() ? "⌘" : "Ctrl";
  return (
    <Modal open={open} title="Keyboard shortcuts" onClose={onClose}>
      <table className="mt-3 w-full text-sm">
        <tbody>
          {SHORTCUTS.map(({ keys, does }) => (
            <tr key={does} className="border-t border-zinc-200 dark:border-zinc-800">
              <td className="py-1.5 pr-4 whitespace-nowrap">
                {keys.map((key, index) => (
                  <span key={key}>
                    {index > 0 && " + "}
                    <kbd className="rounded border border-zinc-300 px-1.5 py-0.5 font-mono text-xs dark:border-zinc-600">
                      {key === "Mod" ? mod : key}
                    </kbd>
                  </span>
                ))}
              </td>
              <td className="py-1.5">{does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
        Search takes words, found in titles and in what was said, and <code>key:value</code> for something remembered about you (
        <code>topic:pricing</code>).
      </p>
      <div className="mt-4 flex justify-end">
        <button
          type="button"
          onClick={onClose}
          className="rounded-lg bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700"
        >
          Close
        </button>
      </div>
    </Modal>
  );
}
