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
  /**
   * The same condition as alternatives (`sql` is their OR), each served by its own index. A list
   * pages them branch by branch and merges (see keysetPage): an OR defeats ordered index walks.
   */
  anyOf?: WhereFragment[]
  /** An order an index serves for this condition, for a list left at its default order (see ListOrder). */
  order?: ListOrder
  /**
   * The condition's best plan is the same whatever its values (a user's own rows, their memberships),
   * unlike a search term's or a skewed column's: a list narrowed only by such conditions and the
   * caller's scope may run with one generic plan (see KeysetOptions.planStable).
   */
  planStable?: boolean
}

/**
 * A list order as SQL: `sql` is the sort expression (qualified with the list's alias), `type` how a
 * cursor's key is read back. The id breaks ties in the same direction.
 */
export interface ListOrder {
  sql: string
  type: 'timestamptz' | 'text' | 'int'
  direction?: 'ASC' | 'DESC'
}

/**
 * `column` contains `term` (case-insensitive, `%`/`_` literal), in a form an index serves at any
 * length: a two-character term is one of the column's bigrams (see BIGRAMS_FUNCTION_SQL), which is
 * the same statement; longer terms use the column's trigram index. `param` names the parameter.
 *
 * The bigram test carries a `strpos` beside it, the same condition at a fraction of the cost: where
 * rows are read through another index (a rep's own customers, newest first), Postgres evaluates
 * the cheaper qualifier first and computes a row's bigrams only when the text is there (12 µs a
 * row otherwise: 28 ms for a rep's 2,200 customers). No index serves `strpos`, so unlike an ILIKE
 * recheck it cannot make the planner AND in a full trigram-index scan. It is written `<> 0`, not
 * `> 0` (the same for a position): the planner takes an inequality on an expression it has no
 * statistics for as keeping a third of the rows, but a `<>` as keeping nearly all, which is closer
 * to the truth once the bigram already holds. With a third it expected 28 of a manager's own 1,000
 * customers to hold 杭州 (112 do) and read them all through the bigram bitmap (83,000 entries,
 * 13 ms) to sort them; expecting 82, it walks the owner index to the first 21 (0.9 ms).
 */
export function textContains(column: string, term: string, param: string): WhereFragment {
  if ([...term].length === 2) {
    return {
      sql: `(kit_bigrams(${column}) @> kit_bigrams(:${param}) AND strpos(lower(${column}), lower(:${param})) <> 0)`,
      params: { [param]: term },
    }
  }
  return { sql: `${column} ILIKE :${param}`, params: { [param]: containsPattern(term) } }
}

/** What a document number can hold: numbering rules print prefix [A-Z0-9-], date and sequence digits. */
const NUMBER_TEXT = /^[A-Za-z0-9-]+$/

/** A number as the prefix index holds it: upper-cased, compared byte by byte (C collation). */
const numberKey = (column: string) => `upper(${column}) COLLATE "C"`

/**
 * A document number matching `term`, case-insensitive: a term starting with a letter is a code
 * typed from its start (KH2025…) and matches by prefix through a C-collation btree on
 * `upper(column)` (see numberPrefixIndexSql), which also hands the matches out in number order
 * (`order`); a term of digits may be any part of the number (the date, the sequence) and matches
 * anywhere (trigram index). Null when the term holds a character no number can (a Chinese name):
 * the numbers are then not probed at all.
 */
export function numberMatch(column: string, term: string, param: string): WhereFragment | null {
  if (!NUMBER_TEXT.test(term)) return null
  if (/^[A-Za-z]/.test(term)) {
    return {
      sql: `${numberKey(column)} LIKE :${param}`,
      params: { [param]: `${term.toUpperCase()}%` },
      order: { sql: numberKey(column), type: 'text', direction: 'DESC' },
    }
  }
  return { sql: `${column} ILIKE :${param}`, params: { [param]: containsPattern(term) } }
}

/**
 * The btree `numberMatch` uses for codes on `table.column`: prefix matches, and the newest number
 * first by walking it backwards. A prefix that matches a third of a million rows, all of them old
 * (KH2025 while the newest rows are 2026), is then 20 index entries, not a sort of 300,000 rows.
 */
export function numberPrefixIndexSql(table: string, column: string): string {
  return `CREATE INDEX ${table}_${column}_prefix ON ${table} ((${numberKey(column)}), id)`
}

/**
 * Name contains the term, or the number matches it (see numberMatch); `columns` names them when
 * they are not `name` and `number` (a product's `code`). A code typed from its start
 * lists in number order (numbers are issued in creation order, so newest first as ever), the two
 * alternatives paged side by side.
 */
export function nameOrNumber(
  alias: string,
  term: string,
  columns: { name?: string; number?: string } = {},
): WhereFragment {
  const name = textContains(`${alias}.${columns.name ?? 'name'}`, term, 'searchName')
  const number = numberMatch(`${alias}.${columns.number ?? 'number'}`, term, 'searchNumber')
  if (!number) return name
  return {
    sql: `(${name.sql} OR ${number.sql})`,
    params: { ...name.params, ...number.params },
    // The number first: the name's branch then excludes numbers (a cheap LIKE on its few rows), not
    // the number's branch names (an ILIKE on each of the rows it walks).
    anyOf: [number, name],
    order: number.order,
  }
}

/**
 * A keyword over several columns: any of `parts` matches (a `numberMatch` that is null — the term is
 * no number — is left out), each paged as its own branch, in the order given (numbers first is
 * cheaper: see nameOrNumber). With exactly one number the list takes its number order; with two the
 * list keeps its own order, since the numbers would not agree on one.
 */
export function anyOfTerms(parts: readonly (WhereFragment | null)[]): WhereFragment {
  const present = parts.filter((p): p is WhereFragment => p !== null)
  if (present.length === 1) return present[0]!
  const ordered = present.filter((p) => p.order)
  return {
    sql: `(${present.map((p) => p.sql).join(' OR ')})`,
    params: Object.assign({}, ...present.map((p) => p.params)) as Record<string, unknown>,
    anyOf: present,
    order: ordered.length === 1 ? ordered[0]!.order : undefined,
  }
}

/** An ILIKE pattern matching `text` anywhere, with the user's `%`, `_` and backslash taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}
