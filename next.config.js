import { readFileSync } from "node:fs";

/** The server action body limit, shared with the proxy that refuses a larger one with a 413 (lib/http/action-body.ts). */
const actionBodyLimit = JSON.parse(readFileSync(new URL("./lib/http/action-body-limit.json", import.meta.url), "utf8"));

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A self-contained server in .next/standalone (Dockerfile); `next start` keeps working from .next.
  output: "standalone",
  // Native-ish server packages are loaded by Node at run time instead of being bundled.
  serverExternalPackages: ["pg"],
  poweredByHeader: false,
  // The largest action input (a search over 500 conversations with preferences) is far under this;
  // Next.js would otherwise read and decode up to 1 MB before the action's own checks.
  experimental: { serverActions: { bodySizeLimit: actionBodyLimit.bytes } },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          // A response is only ever what its Content-Type says.
          { key: "X-Content-Type-Options", value: "nosniff" },
          // A conversation's URL is a key to it: never sent to the sites its links lead to.
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
        ],
      },
      {
        // API responses are JSON, streams and downloads: a browser that renders one anyway runs nothing
        // and loads nothing from it, and no site frames it. Pages get theirs, with a nonce, in proxy.ts.
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'" }],
      },
    ];
  },
};

export default nextConfig;
