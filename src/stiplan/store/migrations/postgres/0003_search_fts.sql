-- 0003 for PostgreSQL: the search index as a tsvector over the same pre-tokenised terms that
-- SQLite's FTS5 indexes (../0003_search_fts.sql); docs/search.md, "PostgreSQL".
--
-- stiplan_terms_vector turns a space-joined list of terms (stiplan.search.tokenize) into a
-- tsvector as it is: every term one lexeme at its place in the list (1, 2, 3…), so phrases
-- ("next to each other") mean what they mean in FTS5. No text search dictionary touches the
-- terms: they are already normalised, and PostgreSQL's parser would cut them differently.
-- A term is cut to 500 characters (a lexeme holds at most 2,047 bytes) and places beyond
-- 16,383 count as 16,383 (PostgreSQL's limit); both only concern absurd input.
--
-- The words (column terms) get weight A and the parts (subterms) weight B, in one generated
-- column `tsv` with a GIN index; a query names the weight it looks in, as FTS5 names the
-- column. The column is generated, so the store writes only the portable columns, and
-- deleting a document (which cascades to search_units) takes its entries out.

CREATE FUNCTION stiplan_terms_vector(terms TEXT) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT COALESCE(
        string_agg(
            '''' || replace(replace(left(term, 500), '\', '\\'), '''', '''''')
                || ''':' || LEAST(place, 16383),
            ' ' ORDER BY place
        )::tsvector,
        ''::tsvector
    )
      FROM unnest(string_to_array(terms, ' ')) WITH ORDINALITY AS listed (term, place)
     WHERE term <> ''
$$;

ALTER TABLE search_units ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
    setweight(stiplan_terms_vector(terms), 'A') || setweight(stiplan_terms_vector(subterms), 'B')
) STORED;

CREATE INDEX search_units_tsv ON search_units USING GIN (tsv);
