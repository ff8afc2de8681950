export function OfflineNotice() {
  return (
    <p
      role="note"
      className="border-b border-amber-200 bg-amber-50 px-4 py-1.5 text-center text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200"
    >
      Offline model: replies are built-in and show what memory holds. Set <code>OPENAI_API_KEY</code> or <code>OPENAI_BASE_URL</code> to use
      a real model.
    </p>
  );
}
