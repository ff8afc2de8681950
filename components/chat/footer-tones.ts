/** Colours of a message footer's small buttons, each readable on its bubble (WCAG AA): the user's is indigo, the assistant's grey. */
export const FOOTER_TONES = {
  indigo: "text-indigo-100 hover:bg-indigo-500 hover:text-white",
  plain: "text-zinc-600 hover:bg-zinc-200 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-700 dark:hover:text-zinc-100",
};

export type FooterTone = keyof typeof FOOTER_TONES;
