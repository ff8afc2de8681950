"use client";

import { useHydrated } from "./use-hydrated";

const FORMAT: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };

/** A moment in the reader's time zone and language; the server, which knows neither, renders it in UTC. */
export function LocalTime({ iso }: { iso: string }) {
  const hydrated = useHydrated();
  const date = new Date(iso);
  return (
    <time dateTime={iso}>
      {hydrated ? date.toLocaleString(undefined, FORMAT) : `${date.toLocaleString("en-GB", { ...FORMAT, timeZone: "UTC" })} UTC`}
    </time>
  );
}
