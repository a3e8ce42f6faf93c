import { parseHTML } from 'linkedom';

/** Text of an HTML fragment (a feed title such as `Putin &amp; <b>Ukraine</b>`), whitespace collapsed. */
export function plainText(fragment: string): string {
  if (!/[<&]/.test(fragment)) return collapse(fragment);
  const { document } = parseHTML(`<!doctype html><html><body><div>${fragment}</div></body></html>`);
  for (const element of document.querySelectorAll('script, style, noscript, template')) element.remove();
  return collapse(document.querySelector('div')?.textContent ?? '');
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
