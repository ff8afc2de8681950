/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native-ish server packages are loaded by Node at run time instead of being bundled.
  serverExternalPackages: ["pg"],
  poweredByHeader: false,
};

export default nextConfig;
