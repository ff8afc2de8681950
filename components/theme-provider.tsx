"use client";

import { ThemeProvider as NextThemes } from "next-themes";
import type { ReactNode } from "react";
import { Toaster } from "sonner";

/**
 * Light, dark or the system's (next-themes, as a class on <html>; its one inline script carries the
 * page's CSP nonce), and the toasts that confirm short actions ("Copied").
 */
export function AppProviders({ nonce, children }: { nonce: string | undefined; children: ReactNode }) {
  return (
    <NextThemes attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
      {children}
      <Toaster position="bottom-center" closeButton={false} duration={2000} toastOptions={{ className: "text-sm" }} />
    </NextThemes>
  );
}
