import type pg from 'pg';
import type { LoadedArticle } from '../../corpus/article.js';
import type { QuoteRecord } from '../../desk/corpus-version.js';
import { AttributionConfidenceSchema, type Quote } from '../../quotes/quote.js';
import type { TopicScope } from '../../store/answer-source.js';
import { FIELD_BOOSTS, isPrefixTerm, type CandidateCounts } from '../../store/candidate-scoring.js';
import type { FetchedTopic, TopicCandidate } from '../../store/candidate-source.js';
import type { ReaderVersion } from './reader-version.js';
import { countsFromPositions, topicQuery, topicTerms } from './terms-vector.js';

/**
 * How many of a topic's best-matching quotes (by PostgreSQL's own ranking) are fetched and then
 * ranked exactly. An answer shows at most 50 after deduplication; the rest is margin for the
 * difference between ts_rank and BM25+ (see docs/scaling.md for the overlap it gives).
 */
export const DEFAULT_CANDIDATES = 200;

/**
 * The answerer's own down-weighting (answerer.ts: reported speech 0.35, fragments of three words or
 * fewer 0.6), applied when picking candidates too: otherwise reporters' paraphrases that match well
 * crowd out direct quotes the answerer would rank above them (top-10 overlap with the embedded store at 21k articles, 200 candidates: 0.909 without, 0.987 with).
 */
export const CANDIDATE_WEIGHTS = { reported: 0.35, fragment: 0.6 };

/** Copies of one reprinted quote fetched as candidates (its paragraph, and so its exact score, may differ per article). */
const COPIES_PER_GROUP = 3;

/** ts_rank's weights {D, C, B, A}: headline C, paragraph B, quote text A, in the embedded index's proportions (0.5 : 1 : 3). */
const RANK_WEIGHTS = `{0,${FIELD_BOOSTS[2] / FIELD_BOOSTS[0]},${FIELD_BOOSTS[1] / FIELD_BOOSTS[0]},1}`;

const QUOTE_COLUMNS = `q.doc, q.id, q.kind, q.text, q.start_offset, q.end_offset, q.speaker_surface, q.speaker, q.speaker_key, q.confidence,
  q.cue, q.context, q.paragraph, q.grp, q.word_count, q.reprint_key, q.article_no,
  a.id AS article_id, a.title, to_char(a.published, 'YYYY-MM-DD') AS published, a.source, a.url, a.file, a.line, a.lead`;

/**
 * A topic candidate's columns: its paragraph only when its version stored no field counts (then
 * it is counted from the text), else the field lengths and, from the terms vector, the positions
 * (so the per-field frequencies, terms-vector.ts) of the index terms the topic matches, parameter
 * `wanted`.
 */
const TOPIC_COLUMNS = (wanted: string): string =>
  `${QUOTE_COLUMNS.replace('q.paragraph, ', "CASE WHEN q.field_lengths IS NULL THEN q.paragraph ELSE '' END AS paragraph, ")}, q.field_lengths,
  ts_filter(setweight(q.terms, 'D', ${wanted}::text[]), '{d}')::text AS term_positions`;

interface TopicRow extends QuoteRow {
  field_lengths: number[] | null;
  /**
   * The wanted terms of the quote's vector, as tsvector text (`'term':3,5002 …`): the vector with
   * those lexemes re-weighted D (a weight no field uses) and filtered to D, all in C. Unnesting the
   * vector into rows and aggregating them as JSON had cost ≈0.05–0.09 ms a candidate (EXPLAIN
   * ANALYZE at 105k), a quarter of a bare topic's statement. Weights are lost, but the field is in
   * the position (terms-vector.ts).
   */
  term_positions: string | null;
  total: string;
}

interface QuoteRow {
  doc: number;
  id: string;
  kind: 'direct' | 'reported';
  text: string;
  start_offset: number;
  end_offset: number;
  speaker_surface: string | null;
  speaker: string | null;
  speaker_key: string | null;
  confidence: string | null;
  cue: string | null;
  context: string;
  paragraph: string;
  grp: string;
  word_count: number;
  reprint_key: string;
  article_no: number;
  article_id: string;
  title: string | null;
  published: string | null;
  source: string | null;
  url: string | null;
  file: string;
  line: number | null;
  lead: string;
}

/**
 * Rows read of the frequent terms' lists per question, shared among them by weight (an exact
 * match of a query term counts for more than a longer word it prefixes), each term at least
 * {@link MIN_LIST_TAKE}: the bound on a common topic's work, whatever the corpus size.
 */
const LIST_POOL = 300;
const MIN_LIST_TAKE = 50;

/** How many of each listed term's best quotes to read, given each one's weight in the question. */
function listShares(weights: readonly number[]): number[] {
  const sum = weights.reduce((total, weight) => total + weight, 0);
  return weights.map((weight) => Math.max(MIN_LIST_TAKE, Math.round((LIST_POOL * weight) / sum)));
}

/** The embedded index's weight of an index term matched by a query term: 1 when equal, less the longer the word it prefixes. */
function prefixWeight(queryTerm: string, term: string): number {
  const distance = term.length - queryTerm.length;
  return distance === 0 ? 1 : (0.5 * term.length) / (term.length + 0.3 * distance);
}

/**
 * The ranking both topic statements share, over a CTE `matched` of candidate rows (doc,
 * reprint_key, terms, kind, word_count): an idf-weighted ts_rank per row (computed once, hence
 * materialised), the answerer's down-weighting, at most `copiesPerGroup` copies per reprint group
 * (null: all of them), the best `limit` rows. `first` is the number of the first of its six
 * parameters: rank weights, term queries, their idfs, limit, reported and fragment weights.
 */
const RANK_AND_PICK = (first: number, copiesPerGroup: number | null = COPIES_PER_GROUP): string => {
  const [weights, queries, idfs, limit, reported, fragment] = [0, 1, 2, 3, 4, 5].map((i) => `$${first + i}`);
  return `ranked AS MATERIALIZED (
       SELECT m.doc, m.reprint_key, (SELECT sum(u.w * ts_rank(${weights}::float4[], m.terms, u.t)) FROM unnest(${queries}::tsquery[], ${idfs}::float8[]) AS u(t, w))
              * CASE WHEN m.kind = 'direct' THEN 1 ELSE ${reported}::float8 END * CASE WHEN m.word_count <= 3 THEN ${fragment}::float8 ELSE 1 END AS rank
         FROM matched m
     ), copies AS MATERIALIZED (
       -- At most three copies per reprint group, the answerer picking the best of them: a quote
       -- reprinted by many articles must not fill the candidates with copies of itself.
       SELECT doc, row_number() OVER w AS copy, first_value(rank) OVER w AS group_rank, reprint_key
         FROM ranked WINDOW w AS (PARTITION BY reprint_key ORDER BY rank DESC, doc)
     ), best AS (
       SELECT doc FROM copies ${copiesPerGroup === null ? '' : `WHERE copy <= ${copiesPerGroup} `}ORDER BY group_rank DESC, reprint_key, copy LIMIT ${limit}
     )`;
};

/**
 * Each of the (at most `limit`) chosen candidates' article, by primary key. A plain join let the
 * planner hash all of `articles` when it over-estimated the candidates (105k: a sequential scan of
 * 104,600 articles, 57 ms, for 200 candidates); LATERAL … LIMIT 1 keeps it a lookup per candidate.
 */
const ARTICLE_OF_CANDIDATE = `JOIN LATERAL (SELECT * FROM articles a WHERE a.version_id = $1 AND a.article_no = q.article_no LIMIT 1) a ON true`;

/**
 * A topic's candidates: the best `limit` quotes by an idf-weighted ts_rank among those matching
 * any query term (long ones as prefixes); how many distinct quotes matched in all; and the
 * document frequencies of the index terms involved, so the answerer can score them as BM25+.
 * Without narrowing, a frequent term's matches are read from its precomputed list (term_lists,
 * see term-lists.ts) and only rare terms go through the GIN index, so the work is bounded
 * whatever the corpus size; narrowed by speaker, dates or outlet, every match is read in the
 * same statement. The question reaches PostgreSQL only as bound parameters: term literals,
 * dates, the outlet words.
 */
export async function fetchTopic(
  db: pg.Pool | pg.ClientBase,
  version: ReaderVersion,
  topic: string,
  scope: TopicScope,
  limit = DEFAULT_CANDIDATES,
  /**
   * Only quotes of undated articles: what a date filter leaves out, which the answerer counts and
   * says so. Every copy of a reprinted quote is one more article left out, so none is capped.
   */
  undatedOnly = false,
): Promise<FetchedTopic> {
  const queryTerms = topicTerms(topic);
  const base: FetchedTopic = { topic, queryTerms, candidates: [], frequencies: new Map(), figures: version.figures, total: 0 };
  const query = topicQuery(queryTerms, isPrefixTerm);
  if (query === null) return base;
  // PostgreSQL text cannot hold NUL, so no stored outlet contains one: nothing matches (and the
  // parameter would be refused as invalid UTF-8).
  if (scope.filters.source?.includes('\u0000')) return base;
  const unique = [...new Set(queryTerms)];
  const stats = await db.query<{ query_term: string; term: string; in_text: number; in_context: number; in_title: number; listed: boolean }>(
    // Whether a term has a list is looked up per matched term by primary key (LATERAL … LIMIT 1):
    // written as EXISTS, the planner hashed every list's term instead (a scan of all of
    // term_lists, 1–5 ms per question at 105k, and growing with the lists).
    `SELECT p.query_term, s.term, s.in_text, s.in_context, s.in_title, l.listed IS NOT NULL AS listed
       FROM unnest($2::text[], $3::bool[]) AS p(query_term, prefix)
       JOIN term_stats s ON s.version_id = $1
        AND (s.term = p.query_term OR (p.prefix AND s.term > p.query_term AND s.term < p.query_term || chr(1114111)))
       LEFT JOIN LATERAL (SELECT true AS listed FROM term_lists l WHERE l.version_id = $1 AND l.term = s.term LIMIT 1) l ON true`,
    [version.versionId, unique, unique.map(isPrefixTerm)],
  );
  const frequencies = new Map<string, [number, number, number]>();
  const documentsPerQueryTerm = new Map<string, number>();
  /** Per listed index term: its largest weight among the query terms it matches (1 exact, less as a longer prefix match). */
  const listed = new Map<string, number>();
  const rare = new Set<string>();
  for (const row of stats.rows) {
    frequencies.set(row.term, [row.in_text, row.in_context, row.in_title]);
    documentsPerQueryTerm.set(row.query_term, (documentsPerQueryTerm.get(row.query_term) ?? 0) + row.in_text + row.in_context);
    if (row.listed) listed.set(row.term, Math.max(listed.get(row.term) ?? 0, prefixWeight(row.query_term, row.term)));
    else rare.add(row.term);
  }
  for (const term of listed.keys()) rare.delete(term);
  const matchedTerms = unique.filter((term) => documentsPerQueryTerm.has(term));
  if (matchedTerms.length === 0) return { ...base, frequencies };
  // Rarer terms count for more, as in BM25: each term's ts_rank, weighted by its idf.
  const n = version.figures.quoteCount;
  const idf = matchedTerms.map((term) => {
    const df = Math.min(documentsPerQueryTerm.get(term)!, n);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  });
  const termQueries = matchedTerms.map((term) => topicQuery([term], isPrefixTerm)!);
  // RANK_AND_PICK's six parameters, then the terms TOPIC_COLUMNS reads positions for: the last of both queries' parameters.
  const ranking = [RANK_WEIGHTS, termQueries, idf, limit, CANDIDATE_WEIGHTS.reported, CANDIDATE_WEIGHTS.fragment, [...frequencies.keys()]];
  const { filters } = scope;
  const narrowed = scope.speakerKeys.length > 0 || filters.from !== undefined || filters.to !== undefined || filters.source !== undefined || undatedOnly;
  // Speaker first: the speaker's quotes are read (`narrowed`, no terms test, so no GIN), then tested against the terms (`matched`).
  const bySpeaker = speakerFirst(version, scope.speakerKeys, stats.rows);
  const result =
    listed.size > 0 && !narrowed
      ? await db.query<TopicRow>(
          `WITH lists AS MATERIALIZED (
             SELECT l.docs[1:p.take] AS docs, l.groups
               FROM unnest($2::text[], $3::int4[]) AS p(term, take)
               JOIN term_lists l ON l.version_id = $1 AND l.term = p.term
           ), rare AS MATERIALIZED (
             -- Through the GIN index of the shown quotes (migration 010), so no verbatim copy is
             -- read. What ranking reads is taken here, from the rows the bitmap scan visits anyway,
             -- not looked up again by primary key (at 105k "stock"'s 17 rare terms match 425 quotes).
             SELECT q.doc, q.reprint_key, q.terms, q.kind, q.word_count FROM quotes q
              WHERE $4::tsquery IS NOT NULL AND q.version_id = $1 AND q.terms @@ $4::tsquery AND NOT q.shadowed
           ), matched AS MATERIALIZED (
             -- The lists' quotes by primary key, as an array (a join here would let the planner read
             -- the whole partition), but for those the rare terms matched too; then those.
             SELECT q.doc, q.reprint_key, q.terms, q.kind, q.word_count FROM quotes q
              WHERE q.version_id = $1 AND q.doc = ANY (ARRAY(SELECT unnest(docs) FROM lists EXCEPT SELECT doc FROM rare))
             UNION ALL
             SELECT doc, reprint_key, terms, kind, word_count FROM rare
           ), ${RANK_AND_PICK(5)}
           SELECT ${TOPIC_COLUMNS('$11')}, (SELECT count(*) FROM (SELECT unnest(groups) FROM lists UNION SELECT reprint_key FROM rare) g) AS total
             FROM best JOIN quotes q ON q.version_id = $1 AND q.doc = best.doc
             ${ARTICLE_OF_CANDIDATE}`,
          [
            version.versionId,
            [...listed.keys()],
            listShares([...listed.values()]),
            rare.size > 0 ? topicQuery([...rare], () => false) : null,
            ...ranking,
          ],
        )
      : await db.query<TopicRow>(
          `WITH ${bySpeaker ? 'narrowed' : 'matched'} AS MATERIALIZED (
             SELECT q.doc, q.reprint_key, q.terms, q.kind, q.word_count FROM quotes q
              WHERE q.version_id = $1 ${bySpeaker ? '' : 'AND q.terms @@ $2::tsquery'}
                -- Undated matches are fetched to be counted (the answer says how many articles the
                -- date filter left out), reprints and all; otherwise only quotes that can be shown.
                -- Each is written out, not chosen by a parameter, so the planner sees which of the
                -- two partial GIN indexes (migration 010) holds the rows.
                AND ${undatedOnly ? 'q.published IS NULL' : 'NOT q.shadowed'}
                AND (cardinality($3::text[]) = 0 OR q.speaker_key = ANY ($3::text[]))
                AND ($4::date IS NULL OR q.published >= $4::date)
                AND ($5::date IS NULL OR q.published <= $5::date)
                AND ($6::text IS NULL OR strpos(q.source_lower, $6::text) > 0)
           ), ${bySpeaker ? 'matched AS MATERIALIZED (SELECT * FROM narrowed n WHERE n.terms @@ $2::tsquery), ' : ''}${RANK_AND_PICK(7, undatedOnly ? null : COPIES_PER_GROUP)}
           SELECT ${TOPIC_COLUMNS('$13')}, (SELECT count(*) FROM copies WHERE copy = 1) AS total
             FROM best JOIN quotes q ON q.version_id = $1 AND q.doc = best.doc
             ${ARTICLE_OF_CANDIDATE}`,
          [
            version.versionId,
            query,
            [...scope.speakerKeys],
            undatedOnly ? null : (filters.from ?? null),
            undatedOnly ? null : (filters.to ?? null),
            filters.source?.toLowerCase() ?? null,
            ...ranking,
          ],
        );
  const articles = new Map<number, LoadedArticle>();
  const candidates: TopicCandidate[] = result.rows.map((row) => {
    const counts = countsOf(row);
    return { record: recordOf(row, articles), paragraph: row.paragraph, order: row.doc, ...(counts ? { counts } : {}) };
  });
  return { ...base, candidates, frequencies, total: result.rows[0] ? Number(result.rows[0].total) : 0 };
}

/**
 * GIN entries read per speaker quote tested instead, roughly: the GIN bitmap of a common term costs
 * ≈0.5 µs an entry (EXPLAIN ANALYZE at 105k, "Howard on britain": 29,850 entries, 16 ms, ANDed
 * with 469 quotes of the speaker), testing a speaker's quote against the query ≈2–4 µs.
 */
const GIN_ENTRIES_PER_QUOTE_TESTED = 6;

/**
 * Whether a speaker-narrowed topic reads the speaker's quotes and tests each against the terms,
 * instead of ANDing the terms' GIN bitmap with the speaker's rows: when the speaker has few quotes
 * against the terms' matches. The planner cannot see this (it estimates a prefix query's matches
 * from nothing, and picked the bitmap for a speaker of 469 quotes against 29,850 matches); the
 * speaker directory's counts (every copy of a quote included) and the terms' statistics can.
 */
function speakerFirst(version: ReaderVersion, speakerKeys: readonly string[], stats: ReadonlyArray<{ in_text: number; in_context: number; in_title: number }>): boolean {
  if (speakerKeys.length === 0) return false;
  const speakerQuotes = speakerKeys.reduce((sum, key) => sum + (version.speakers.get(key)?.quoteCount ?? 0), 0);
  const entries = stats.reduce((sum, row) => sum + row.in_text + row.in_context + row.in_title, 0);
  return speakerQuotes * GIN_ENTRIES_PER_QUOTE_TESTED < entries;
}

/**
 * The given speakers' quotes for a speaker-only answer: of each reprint group only the copy the
 * answerer would pick (its own order: direct and fuller first, newest, then corpus order; see
 * answerer.ts rankBySpeaker), so a quote reprinted by a hundred articles is fetched once. Every
 * group is fetched, so the answer's count of matches is exact. The writer marks each speaker's
 * chosen copy per group (`speaker_best`, write-version.ts speakerBestCopies), so only those rows
 * are read; with several speakers asked, the best of their chosen copies is the best of all.
 */
export async function fetchSpeakerQuotes(db: pg.Pool | pg.ClientBase, version: ReaderVersion, speakerKeys: readonly string[]): Promise<Map<string, QuoteRecord[]>> {
  const byKey = new Map<string, QuoteRecord[]>(speakerKeys.map((key) => [key, []]));
  if (speakerKeys.length === 0) return byKey;
  const result = await db.query<QuoteRow>(
    `SELECT * FROM (
       SELECT DISTINCT ON (q.reprint_key) ${QUOTE_COLUMNS.replace('q.paragraph, ', "'' AS paragraph, ")}
         FROM quotes q JOIN articles a ON a.version_id = q.version_id AND a.article_no = q.article_no
        WHERE q.version_id = $1 AND q.speaker_key = ANY ($2::text[]) AND q.speaker_best
        ORDER BY q.reprint_key,
                 CASE WHEN q.kind = 'direct' THEN 1 ELSE $3::float8 END * CASE WHEN q.word_count <= 3 THEN $4::float8 ELSE 1 END DESC,
                 a.published DESC NULLS LAST, a.id COLLATE "C", q.start_offset
     ) best ORDER BY doc`,
    [version.versionId, [...speakerKeys], CANDIDATE_WEIGHTS.reported, CANDIDATE_WEIGHTS.fragment],
  );
  const articles = new Map<number, LoadedArticle>();
  for (const row of result.rows) byKey.get(row.speaker_key!)?.push(recordOf(row, articles));
  return byKey;
}

/** A candidate's field counts from its stored lengths and terms vector; null for a version written without them. */
function countsOf(row: TopicRow): CandidateCounts | null {
  const lengths = row.field_lengths;
  if (lengths === null || lengths.length !== 3) return null;
  const perField = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()] as const;
  for (const [term, positions] of lexemePositions(row.term_positions ?? '')) {
    countsFromPositions(positions).forEach((count, field) => {
      if (count > 0) perField[field]!.set(term, count);
    });
  }
  return [
    { length: lengths[0]!, frequencies: perField[0] },
    { length: lengths[1]!, frequencies: perField[1] },
    { length: lengths[2]!, frequencies: perField[2] },
  ];
}

/**
 * The lexemes and positions of a tsvector's text form without weights (`'a':1,5002 'b''c':3`):
 * lexemes quoted, a quote inside one doubled and a backslash preceded by another (as PostgreSQL's
 * tsvector output writes them), positions after the colon. Index terms are made of letters and
 * digits and so hold neither, but NFKD gives a few a space or a comma (U+1F101 becomes "0,"): the
 * quoting is followed exactly, whatever the lexeme.
 */
export function lexemePositions(vector: string): Array<[string, number[]]> {
  const entries: Array<[string, number[]]> = [];
  let at = 0;
  while (at < vector.length) {
    const open = vector.indexOf("'", at);
    if (open < 0) break;
    let lexeme = '';
    let i = open + 1;
    for (;;) {
      const quote = vector.indexOf("'", i);
      if (quote < 0) throw new Error(`unterminated lexeme in tsvector text at ${open}`);
      const backslash = vector.indexOf('\\', i);
      if (backslash >= 0 && backslash < quote) {
        // An escaped character (PostgreSQL escapes only backslashes so): taken as it is.
        lexeme += vector.slice(i, backslash) + vector.charAt(backslash + 1);
        i = backslash + 2;
        continue;
      }
      lexeme += vector.slice(i, quote);
      if (vector[quote + 1] === "'") {
        lexeme += "'";
        i = quote + 2;
      } else {
        i = quote + 1;
        break;
      }
    }
    const positions: number[] = [];
    if (vector[i] === ':') {
      const end = vector.indexOf(' ', i);
      const list = vector.slice(i + 1, end < 0 ? vector.length : end);
      for (const position of list.split(',')) positions.push(Number.parseInt(position, 10));
      i = end < 0 ? vector.length : end;
    }
    entries.push([lexeme, positions]);
    at = i;
  }
  return entries;
}

function recordOf(row: QuoteRow, articles: Map<number, LoadedArticle>): QuoteRecord {
  let article = articles.get(row.article_no);
  if (article === undefined) {
    article = {
      id: row.article_id,
      title: row.title,
      date: row.published,
      source: row.source,
      url: row.url,
      // Only the opening is stored: citations of untitled articles show its first words.
      body: row.lead,
      origin: row.line === null ? { file: row.file } : { file: row.file, line: row.line },
    };
    articles.set(row.article_no, article);
  }
  const confidence = AttributionConfidenceSchema.safeParse(row.confidence);
  const quote: Quote = {
    id: row.id,
    articleId: row.article_id,
    kind: row.kind,
    text: row.text,
    start: row.start_offset,
    end: row.end_offset,
    speakerSurface: row.speaker_surface,
    speaker: row.speaker,
    confidence: confidence.success ? confidence.data : null,
    cue: row.cue,
    context: row.context,
    group: row.grp,
  };
  return { quote, article, speakerKey: row.speaker_key, wordCount: row.word_count, reprintKey: Number(row.reprint_key) };
}
