/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native-ish server packages are loaded by Node at run time instead of being bundled.
  serverExternalPackages: ["pg"],
  poweredByHeader: false,
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
    ];
  },
};

export default nextConfig;
