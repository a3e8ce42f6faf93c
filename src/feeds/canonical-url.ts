/** Query parameters that only say where a reader came from; two URLs differing in them are one article. */
const TRACKING = /^(?:utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|ocid|cmpid|at_medium|at_campaign|ns_mchannel|ns_source|ns_campaign|ns_linkname|ns_fee|smid|ref|rss|feed)$/i;

/**
 * The one spelling of an article's address used for deduplication: http(s), lower-case host, no
 * default port, no fragment, no tracking parameters, remaining parameters sorted.
 */
export function canonicalUrl(address: string | URL): string {
  const url = new URL(address);
  url.hash = '';
  url.hostname = url.hostname.toLowerCase();
  if ((url.protocol === 'http:' && url.port === '80') || (url.protocol === 'https:' && url.port === '443')) url.port = '';
  const kept = [...url.searchParams.entries()].filter(([name]) => !TRACKING.test(name)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = '';
  for (const [name, value] of kept) url.searchParams.append(name, value);
  if (url.pathname !== '/' && url.pathname.endsWith('/')) url.pathname = url.pathname.replace(/\/+$/, '');
  return url.href;
}

/**
 * A page's own `<link rel="canonical">` is trusted only on the same site (the registrable part of the
 * host), so a page cannot claim to be another outlet's article and replace it.
 */
export function trustedCanonical(pageUrl: string, declared: string | null): string {
  if (declared === null) return canonicalUrl(pageUrl);
  const page = new URL(pageUrl);
  const claimed = new URL(declared);
  return siteOf(page.hostname) === siteOf(claimed.hostname) ? canonicalUrl(claimed) : canonicalUrl(pageUrl);
}

function siteOf(hostname: string): string {
  return hostname.toLowerCase().replace(/^www\./, '').split('.').slice(-2).join('.');
}
