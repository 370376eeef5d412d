import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may not go unless the assembly allows it by name: this machine, private networks,
 * link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast, documentation and
 * reserved ranges. Checked on the address actually connected to, so a name that resolves there is refused.
 */
const REFUSED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  REFUSED.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  REFUSED.addSubnet(network, prefix, 'ipv6');

/** An address written in IPv6 that is an IPv4 one (::ffff:127.0.0.1) is judged as that IPv4 address. */
function unmapped(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/** Parses `10.1.2.3`, `10.0.0.0/8`, `::1` or `fd00::/8` into a list the allow-list check reads. */
export function destinationAllowList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.trim().split('/');
    const family = isIP(address);
    if (family === 0) throw new TypeError(`not an IP address or network: ${entry}`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else {
      const bits = Number(prefix);
      if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128))
        throw new TypeError(`bad prefix length in ${entry}`);
      list.addSubnet(address, bits, type);
    }
  }
  return list;
}

/** Whether a webhook may connect to this IP address (the allow-list names internal receivers). */
export function isAllowedDestination(address: string, allowed?: BlockList): boolean {
  const ip = unmapped(address.replace(/^\[|\]$/g, ''));
  const family = isIP(ip);
  if (family === 0) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (allowed?.check(ip, type)) return true;
  return !REFUSED.check(ip, type);
}

/**
 * At registration: a URL naming this machine (`localhost`) or a refused address outright is refused at
 * once; a name is checked again on every delivery, on the address it resolves to then.
 */
export function isAllowedWebhookUrl(url: string, allowed?: BlockList): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return false;
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return false;
  return isIP(host) === 0 || isAllowedDestination(host, allowed);
}
