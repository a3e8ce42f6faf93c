// Reproduces the linkedom/jsdom figures in docs/feeds.md. Not part of the build: run it in a scratch folder with
// npm install jsdom@26 @mozilla/readability@0.6.0 linkedom@0.18.15, and FIXTURE pointing at tests/feeds/fixtures/article-putin-talks.html.
// Readability on linkedom vs jsdom 26: time per page and whether the article text is the same.
import { readFileSync } from 'node:fs';
import { Readability } from '@mozilla/readability';
import { JSDOM } from 'jsdom';
import { parseHTML } from 'linkedom';
const base = readFileSync(process.env.FIXTURE, 'utf8');
// A long page: the article 40 times over plus 200 sidebar links, about the size of a real news page.
const big = base.replace('</article>', Array.from({ length: 40 }, (_, i) => `<p>Paragraph ${i}: ${'Officials said the talks would continue. '.repeat(8)}</p>`).join('') + '</article>')
  .replace('</aside>', Array.from({ length: 200 }, (_, i) => `<li><a href="/l${i}">Link ${i}</a></li>`).join('') + '</aside>');
const withLinkedom = (html) => new Readability(parseHTML(html).document).parse();
const withJsdom = (html) => new Readability(new JSDOM(html, { url: 'https://news.example/' }).window.document).parse();
for (const [name, html] of [['fixture', base], ['long page', big]]) {
  const a = withLinkedom(html), b = withJsdom(html);
  const norm = (t) => t.replace(/\s+/g, ' ').trim();
  console.log(`${name} (${(html.length / 1024).toFixed(0)} KiB): same text: ${norm(a.textContent) === norm(b.textContent)}, linkedom ${norm(a.textContent).length} chars, jsdom ${norm(b.textContent).length} chars`);
  for (const [label, fn] of [['linkedom', withLinkedom], ['jsdom', withJsdom]]) {
    for (let i = 0; i < 5; i++) fn(html);
    const runs = 40, start = process.hrtime.bigint();
    for (let i = 0; i < runs; i++) fn(html);
    console.log(`  ${label}: ${(Number(process.hrtime.bigint() - start) / 1e6 / runs).toFixed(2)} ms/page`);
  }
}
// The big pages behind the worker thread: Readability on linkedom at 1 MB and at the 5 MB cap.
for (const mb of [1, 5]) {
  const para = `<p>${'Officials said the talks would continue, and the minister said "we will see". '.repeat(10)}</p>`;
  const html = `<html><head><title>t</title></head><body><article>${para.repeat(Math.ceil((mb * 1024 * 1024) / para.length))}</article></body></html>`;
  const start = process.hrtime.bigint();
  withLinkedom(html);
  console.log(`${mb} MB page on linkedom: ${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(0)} ms`);
}
