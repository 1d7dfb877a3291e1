// Scores Pagefind and kennis on the judged queries (see pagefind-compare.sh, which prepares both).
//
//   node pagefind-compare.mjs --site DIR --modules DIR --kennis BIN --root DIR --judged FILE
//
// A query hits when its expected section is among the first three results. kennis returns sections.
// Pagefind returns pages, each with sub-results for the headings that matched (in page order); its
// section ranking is, page by page, each page's sub-results ordered by the sum of their matches'
// `balanced_score` (Pagefind's own per-match relevance). Page-level hit@3 (the expected page among
// the first three distinct pages) is shown for both as well.

import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, value, index, all) => {
    if (value.startsWith('--')) pairs.push([value.slice(2), all[index + 1]]);
    return pairs;
  }, []),
);

/** The judged queries; the file is simple TOML: `[[query]]` tables of string keys. */
function judged(path) {
  const queries = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '[[query]]') queries.push({});
    const pair = line.match(/^(\w+)\s*=\s*"(.*)"\s*$/);
    if (pair && queries.length) queries[queries.length - 1][pair[1]] = JSON.parse(`"${pair[2]}"`);
  }
  return queries;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/** A static server for the built site on 127.0.0.1, as any web host would serve it. */
function serve(root) {
  const server = createServer((request, response) => {
    let path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    if (path.includes('..')) return response.writeHead(403).end();
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const siteRelative = (url) => url.replace(/^\//, '').replace(/index\.html(#|$)/, '$1');
const pageOf = (url) => url.split('#')[0];

function score(queries, rankings) {
  let hits = 0, pageHits = 0, reciprocal = 0, hardHits = 0, hard = 0;
  queries.forEach((query, index) => {
    const sections = rankings[index];
    const rank = sections.indexOf(query.expect) + 1;
    const pages = [...new Set(sections.map(pageOf))];
    if (rank > 0 && rank <= 3) hits++;
    if (rank > 0 && rank <= 10) reciprocal += 1 / rank;
    if (pages.slice(0, 3).includes(pageOf(query.expect))) pageHits++;
    if (query.hard) {
      hard++;
      if (rank > 0 && rank <= 3) hardHits++;
    }
  });
  const n = queries.length;
  return { hit3: hits / n, mrr10: reciprocal / n, page3: pageHits / n, hard3: hardHits / hard };
}

async function pagefindRankings(queries) {
  const server = await serve(args.site);
  const { chromium } = await import(pathToFileURL(join(args.modules, 'playwright-core/index.mjs')));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium' });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/nl/`);
    return await page.evaluate(async (texts) => {
      const pagefind = await import('/pagefind/pagefind.js');
      await pagefind.init();
      const rankings = [];
      for (const text of texts) {
        const search = await pagefind.search(text);
        const pages = await Promise.all(search.results.slice(0, 10).map((result) => result.data()));
        const relevance = (sub) =>
          (sub.weighted_locations ?? []).reduce((sum, location) => sum + location.balanced_score, 0);
        rankings.push(pages.flatMap((data) => data.sub_results?.length
          ? [...data.sub_results].sort((a, b) => relevance(b) - relevance(a)).map((sub) => sub.url)
          : [data.url]));
      }
      return rankings;
    }, queries.map((query) => query.q));
  } finally {
    await browser.close();
    server.close();
  }
}

function kennisRankings(queries) {
  return queries.map((query) => {
    const json = execFileSync(args.kennis, ['search', '--root', args.root, '--output', args.site,
      '--json', '--limit', '10', query.q], { encoding: 'utf8' });
    return JSON.parse(json).map((hit) => hit.url);
  });
}

const queries = judged(args.judged);
const pagefind = (await pagefindRankings(queries)).map((urls) => urls.map(siteRelative));
const kennis = kennisRankings(queries);
const [k, p] = [score(queries, kennis), score(queries, pagefind)];
const percent = (value) => value.toFixed(3);
console.log(`judged queries: ${queries.length} (${queries.filter((q) => q.hard).length} hard for exact matching)\n`);
console.log('| measure | kennis | Pagefind |');
console.log('|---|---|---|');
console.log(`| hit@3 (section) | ${percent(k.hit3)} | ${percent(p.hit3)} |`);
console.log(`| MRR@10 (section) | ${percent(k.mrr10)} | ${percent(p.mrr10)} |`);
console.log(`| hit@3 on the hard queries | ${percent(k.hard3)} | ${percent(p.hard3)} |`);
console.log(`| hit@3 (page) | ${percent(k.page3)} | ${percent(p.page3)} |`);
console.log('\nqueries where Pagefind misses the section in its top 3:');
queries.forEach((query, index) => {
  const rank = pagefind[index].indexOf(query.expect) + 1;
  if (rank === 0 || rank > 3) {
    console.log(`  ${JSON.stringify(query.q)} [${query.hard ?? ''}] rank ${rank || '-'}; first: ${pagefind[index][0] ?? '(nothing)'}`);
  }
});
