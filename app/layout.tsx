import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { AppProviders } from "@/components/theme-provider";
import "./globals.css";

export const metadata: Metadata = {
  title: "Memory Chat",
  description: "A chat that never loses a conversation.",
};

/** The nonce proxy.ts put in this request's policy: the theme's inline script must carry it. */
async function scriptNonce(): Promise<string | undefined> {
  const policy = (await headers()).get("content-security-policy") ?? "";
  return /'nonce-([^']+)'/.exec(policy)?.[1];
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  return (
    // next-themes sets the theme's class on <html> before React hydrates.
    <html lang="en" suppressHydrationWarning>
      <body className="antialiased">
        <AppProviders nonce={await scriptNonce()}>{children}</AppProviders>
      </body>
    </html>
  );
}
