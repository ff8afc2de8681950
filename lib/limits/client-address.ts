/**
 * Who sent a request, for the limits. X-Forwarded-For is trusted only as far as the operator says
 * proxies stand in front (TRUST_PROXY_HOPS): the n-th address from the right is the one the
 * outermost trusted proxy saw. With no proxy, the server puts the socket's address there
 * (lib/limits/stamp-socket-address.ts), replacing whatever the client sent.
 */
export function clientAddress(headers: Headers, trustedHops: number): string {
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const address = chain[chain.length - Math.max(trustedHops, 1)] ?? chain[0];
  // An address is short; anything else is not one, and all such requests share one key.
  return address && address.length <= 64 ? normalizeAddress(withoutPort(address)) : "unknown";
}

/** Some proxies write the client's port too ("1.2.3.4:5678", "[2001:db8::1]:443"): one key per client, not per connection. */
function withoutPort(address: string): string {
  const bracketed = address.match(/^\[([^\]]+)\](?::\d+)?$/);
  if (bracketed) return bracketed[1];
  const v4 = address.match(/^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/);
  return v4 ? v4[1] : address;
}

/** One client, one key: "::ffff:1.2.3.4" is 1.2.3.4, and an IPv6 client is limited by its /64. */
function normalizeAddress(address: string): string {
  const v4 = address.match(/^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i);
  if (v4) return v4[1];
  if (!address.includes(":")) return address.toLowerCase();
  const [head] = address.toLowerCase().split("%");
  const [left, right] = head.split("::");
  const before = left ? left.split(":") : [];
  const after = right ? right.split(":") : [];
  const groups = right === undefined ? before : [...before, ...Array(Math.max(0, 8 - before.length - after.length)).fill("0"), ...after];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
