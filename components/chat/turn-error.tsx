"use client";

import { useEffect, useState } from "react";

/**
 * A failed turn's typed error, with Retry unless retrying cannot help (a deleted conversation). When the server said how long to wait (a limit), Retry
 * counts down and is enabled when trying again can work.
 */
export function TurnError({ failure, onRetry }: { failure: { message: string; retryAfter?: number }; onRetry?: () => void }) {
  const [until] = useState(() => (failure.retryAfter ? Date.now() + failure.retryAfter * 1000 : 0));
  const [now, setNow] = useState(() => Date.now());
  const waiting = Math.ceil((until - now) / 1000);
  useEffect(() => {
    if (waiting <= 0) return;
    const timer = setTimeout(() => setNow(Date.now()), 1000);
    return () => clearTimeout(timer);
  }, [waiting]);

  return (
    <div
      role="alert"
      className="mx-auto mb-2 flex w-full max-w-3xl items-center justify-between gap-3 rounded-xl border border-red-300 bg-red-50 px-4 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
    >
      <span>{failure.message}</span>
      {onRetry && (
        <button
          type="button"
          onClick={onRetry}
          disabled={waiting > 0}
          className="shrink-0 rounded-lg bg-red-600 px-3 py-1 font-medium text-white hover:bg-red-700 disabled:cursor-not-allowed disabled:bg-red-400"
        >
          {waiting > 0 ? `Retry in ${waiting} s` : "Retry"}
        </button>
      )}
    </div>
  );
}
