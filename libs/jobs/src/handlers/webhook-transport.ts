import { isAllowedDestination } from '#domain';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type BlockList, type LookupFunction } from 'node:net';

/** The destination is one webhooks may not reach (this machine, a private or reserved network). */
export class WebhookDestinationRefused extends Error {}

export interface WebhookPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Internal receivers the assembly allows (WEBHOOK_ALLOWED_DESTINATIONS, parsed once by the caller). */
  allowed: BlockList;
}

/**
 * Resolves the name and checks every address it gives on the socket's own lookup, so the address
 * connected to is the address checked (a name re-pointed between a check and the connection — DNS
 * rebinding — cannot reach a refused one).
 */
function checkedLookup(allowed: BlockList): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as LookupAddress[];
      const refused = list.find((entry) => !isAllowedDestination(entry.address, allowed));
      if (refused || list.length === 0)
        return callback(new WebhookDestinationRefused('refused destination'), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/**
 * POSTs a webhook and answers its HTTP status. Redirects are not followed (a 3xx is an answer like any
 * other). Throws WebhookDestinationRefused before any byte is sent to a refused address.
 */
export function postWebhook(post: WebhookPost): Promise<number> {
  const url = new URL(post.url);
  const { allowed } = post;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0 && !isAllowedDestination(host, allowed))
    return Promise.reject(new WebhookDestinationRefused('refused destination'));
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const call = send(
      url,
      {
        method: 'POST',
        headers: { ...post.headers, 'content-length': Buffer.byteLength(post.body) },
        lookup: checkedLookup(allowed),
        timeout: post.timeoutMs,
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    call.on('timeout', () => call.destroy(new Error('timeout')));
    call.on('error', reject);
    call.end(post.body);
  });
}
