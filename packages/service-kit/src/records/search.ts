import { containsPattern } from './paging.js'

/**
 * `kit_bigrams(text)`: the distinct two-character pieces of the lower-cased text. A GIN index over
 * it finds two-character terms (a short Chinese name such as 华鑫), which pg_trgm cannot: its
 * trigrams need three characters, so a two-character ILIKE scans every row. Plain SQL (no
 * plpgsql), so the embedded PGlite builds the same index.
 */
export const BIGRAMS_FUNCTION_SQL = `
  CREATE OR REPLACE FUNCTION kit_bigrams(value text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT coalesce(array_agg(DISTINCT substr(lower(value), i, 2)), '{}')
    FROM generate_series(1, char_length(value) - 1) AS i
  $$`

/** The GIN index `textContains` needs for two-character terms on `table.column`. */
export function bigramIndexSql(table: string, column: string): string {
  return `CREATE INDEX ${table}_${column}_bigram ON ${table} USING gin (kit_bigrams(${column}))`
}

export interface WhereFragment {
  sql: string
  params: Record<string, unknown>
}

/**
 * `column` contains `term` (case-insensitive, `%`/`_` literal), in a form an index serves at any
 * length: a two-character term is one of the column's bigrams (see BIGRAMS_FUNCTION_SQL), which is
 * the same statement (no ILIKE recheck: an ILIKE beside it would make the planner AND in a full
 * trigram-index scan and underestimate the rows); longer terms use the column's trigram index.
 * `param` names the parameter.
 */
export function textContains(column: string, term: string, param: string): WhereFragment {
  if ([...term].length === 2) {
    return { sql: `kit_bigrams(${column}) @> kit_bigrams(:${param})`, params: { [param]: term } }
  }
  return { sql: `${column} ILIKE :${param}`, params: { [param]: containsPattern(term) } }
}

/** What a document number can hold: numbering rules print prefix [A-Z0-9-], date and sequence digits. */
const NUMBER_TEXT = /^[A-Za-z0-9-]+$/

/**
 * A document number matching `term`, case-insensitive: a term starting with a letter is a code
 * typed from its start (KH2025…) and matches by prefix through a btree on
 * `upper(column) text_pattern_ops` (see numberPrefixIndexSql); a term of digits may be any part of
 * the number (the date, the sequence) and matches anywhere (trigram index). Null when the term holds
 * a character no number can (a Chinese name): the numbers are then not probed at all.
 */
export function numberMatch(column: string, term: string, param: string): WhereFragment | null {
  if (!NUMBER_TEXT.test(term)) return null
  if (/^[A-Za-z]/.test(term))
    return { sql: `upper(${column}) LIKE :${param}`, params: { [param]: `${term.toUpperCase()}%` } }
  return { sql: `${column} ILIKE :${param}`, params: { [param]: containsPattern(term) } }
}

/** The btree `numberMatch` uses for codes on `table.column`. */
export function numberPrefixIndexSql(table: string, column: string): string {
  return `CREATE INDEX ${table}_${column}_prefix ON ${table} (upper(${column}) text_pattern_ops)`
}

/** Name contains the term, or the number matches it (see numberMatch). */
export function nameOrNumber(alias: string, term: string): WhereFragment {
  const name = textContains(`${alias}.name`, term, 'searchName')
  const number = numberMatch(`${alias}.number`, term, 'searchNumber')
  if (!number) return name
  return { sql: `(${name.sql} OR ${number.sql})`, params: { ...name.params, ...number.params } }
}
