"use client";

import { useMediaQuery } from "./use-media-query";

/** Below Tailwind's `md` breakpoint, where the sidebar is a drawer over the conversation. */
const NARROW = "(max-width: 767px)";

/** Whether the screen is a phone's width now (false on the server). */
export const useNarrowScreen = () => useMediaQuery(NARROW);
