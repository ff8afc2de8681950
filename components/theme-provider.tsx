"use client";

import { ThemeProvider as NextThemes } from "next-themes";
import type { ReactNode } from "react";
import { Toaster } from "sonner";
import { TooltipProvider } from "./ui/tooltip";

/**
 * Light, dark or the system's (next-themes, as a class on <html>; its one inline script carries the
 * page's CSP nonce), tooltips, and the toasts that confirm short actions ("Copied").
 */
export function AppProviders({ nonce, children }: { nonce: string | undefined; children: ReactNode }) {
  return (
    <NextThemes attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
      <TooltipProvider>
        {children}
        <Toaster position="bottom-center" closeButton={false} duration={2000} toastOptions={{ className: "text-sm" }} />
      </TooltipProvider>
    </NextThemes>
  );
}
