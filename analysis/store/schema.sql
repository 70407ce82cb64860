-- papertrends database schema: a public interface. Every table and column carries a comment;
-- README.md documents the same. Offsets are [start_char, end_char) character offsets into the
-- field as stored, so substr(<field>, start_char + 1, end_char - start_char) = text on every row.

CREATE TABLE IF NOT EXISTS builds (
    build_id INTEGER PRIMARY KEY,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP NOT NULL,
    pipeline_version VARCHAR NOT NULL,
    inputs VARCHAR[] NOT NULL,
    records_seen INTEGER NOT NULL,
    papers_read INTEGER NOT NULL,
    records_rejected INTEGER NOT NULL,
    papers_extracted INTEGER,
    files_skipped INTEGER
);
ALTER TABLE builds ADD COLUMN IF NOT EXISTS papers_extracted INTEGER;
ALTER TABLE builds ADD COLUMN IF NOT EXISTS files_skipped INTEGER;

CREATE TABLE IF NOT EXISTS files (
    source_file VARCHAR PRIMARY KEY,
    size BIGINT NOT NULL,
    modified TIMESTAMP NOT NULL,
    records_seen INTEGER NOT NULL,
    build_id INTEGER NOT NULL,
    mapping VARCHAR
);
ALTER TABLE files ADD COLUMN IF NOT EXISTS mapping VARCHAR;

CREATE TABLE IF NOT EXISTS sightings (
    paper_id VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    source_file VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    listed DATE,
    published DATE,
    build_id INTEGER NOT NULL,
    PRIMARY KEY (source_file, position)
);

CREATE TABLE IF NOT EXISTS papers (
    paper_id VARCHAR PRIMARY KEY,
    title VARCHAR NOT NULL,
    abstract VARCHAR NOT NULL,
    published DATE,
    url VARCHAR,
    source VARCHAR NOT NULL,
    source_file VARCHAR NOT NULL,
    source_position INTEGER NOT NULL,
    source_id VARCHAR,
    arxiv_id VARCHAR,
    github_repo VARCHAR,
    listed DATE,
    categories VARCHAR[],
    authors VARCHAR[],
    upvotes INTEGER,
    comments INTEGER,
    github_stars INTEGER,
    project_page VARCHAR,
    keywords VARCHAR[],
    pipeline_version VARCHAR,
    build_id INTEGER NOT NULL
);

-- Databases built before papers carried listing metadata get the columns (NULL until rebuilt).
ALTER TABLE papers ADD COLUMN IF NOT EXISTS listed DATE;
ALTER TABLE papers ADD COLUMN IF NOT EXISTS categories VARCHAR[];
ALTER TABLE papers ADD COLUMN IF NOT EXISTS authors VARCHAR[];
ALTER TABLE papers ADD COLUMN IF NOT EXISTS upvotes INTEGER;
ALTER TABLE papers ADD COLUMN IF NOT EXISTS comments INTEGER;
ALTER TABLE papers ADD COLUMN IF NOT EXISTS github_stars INTEGER;
ALTER TABLE papers ADD COLUMN IF NOT EXISTS project_page VARCHAR;
ALTER TABLE papers ADD COLUMN IF NOT EXISTS keywords VARCHAR[];
ALTER TABLE papers ADD COLUMN IF NOT EXISTS pipeline_version VARCHAR;

CREATE TABLE IF NOT EXISTS claims (
    paper_id VARCHAR NOT NULL,
    field VARCHAR NOT NULL CHECK (field IN ('title', 'abstract')),
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL CHECK (end_char > start_char),
    text VARCHAR NOT NULL,
    value DOUBLE NOT NULL,
    kind VARCHAR NOT NULL CHECK (kind IN ('percent', 'multiplier', 'count', 'params', 'score', 'duration', 'other')),
    unit VARCHAR,
    qualifier VARCHAR NOT NULL CHECK (qualifier IN ('none', 'approx', 'more_than', 'at_least', 'up_to', 'less_than', 'at_most')),
    metric VARCHAR,
    direction VARCHAR NOT NULL CHECK (direction IN ('gain', 'drop', 'gap', 'level')),
    better BOOLEAN,
    build_id INTEGER NOT NULL
);

-- Databases built before claims had metric, direction and better get the columns (NULL until papers are rebuilt).
ALTER TABLE claims ADD COLUMN IF NOT EXISTS metric VARCHAR;
ALTER TABLE claims ADD COLUMN IF NOT EXISTS direction VARCHAR;
ALTER TABLE claims ADD COLUMN IF NOT EXISTS better BOOLEAN;
-- The text as the report shows it (% and ×, not \% and times); NULL in databases built before it existed.
ALTER TABLE claims ADD COLUMN IF NOT EXISTS display_text VARCHAR;

-- The change between the two levels of "from A to B": derived from two claims rows, not stated in the text.
CREATE TABLE IF NOT EXISTS claim_changes (
    paper_id VARCHAR NOT NULL,
    field VARCHAR NOT NULL CHECK (field IN ('title', 'abstract')),
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL CHECK (end_char > start_char),
    text VARCHAR NOT NULL,
    from_start_char INTEGER NOT NULL,
    from_end_char INTEGER NOT NULL,
    to_start_char INTEGER NOT NULL,
    to_end_char INTEGER NOT NULL,
    from_value DOUBLE NOT NULL,
    to_value DOUBLE NOT NULL,
    kind VARCHAR NOT NULL CHECK (kind IN ('percent', 'multiplier', 'count', 'params', 'score', 'duration', 'other')),
    unit VARCHAR,
    metric VARCHAR,
    difference DOUBLE NOT NULL,
    relative_percent DOUBLE,
    direction VARCHAR NOT NULL CHECK (direction IN ('rose', 'fell', 'unchanged')),
    better BOOLEAN,
    build_id INTEGER NOT NULL
);
ALTER TABLE claim_changes ADD COLUMN IF NOT EXISTS display_text VARCHAR;

CREATE TABLE IF NOT EXISTS entities (
    paper_id VARCHAR NOT NULL,
    field VARCHAR NOT NULL CHECK (field IN ('title', 'abstract')),
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL CHECK (end_char > start_char),
    text VARCHAR NOT NULL,
    label VARCHAR NOT NULL CHECK (label IN ('MODEL', 'DATASET')),
    canonical VARCHAR NOT NULL,
    introduced BOOLEAN NOT NULL,
    build_id INTEGER NOT NULL,
    family VARCHAR,
    mention_label VARCHAR CHECK (mention_label IN ('MODEL', 'DATASET')),
    label_source VARCHAR CHECK (label_source IN ('lexicon', 'family', 'context', 'default'))
);

-- Databases built before names had families and voted labels get the columns (NULL until papers are rebuilt).
ALTER TABLE entities ADD COLUMN IF NOT EXISTS family VARCHAR;
ALTER TABLE entities ADD COLUMN IF NOT EXISTS mention_label VARCHAR;
ALTER TABLE entities ADD COLUMN IF NOT EXISTS label_source VARCHAR;
-- Mentions the corpus step found (store.derived.spread_names), rewritten at the end of each build.
ALTER TABLE entities ADD COLUMN IF NOT EXISTS from_corpus BOOLEAN DEFAULT false;

-- One label per canonical name, voted over the whole database in each build's last step (store.derived).
CREATE TABLE IF NOT EXISTS entity_labels (
    canonical VARCHAR PRIMARY KEY,
    label VARCHAR NOT NULL CHECK (label IN ('MODEL', 'DATASET')),
    decided_by VARCHAR NOT NULL CHECK (decided_by IN ('lexicon', 'family', 'votes', 'tie', 'default')),
    model_votes INTEGER NOT NULL,
    dataset_votes INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    papers INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS links (
    paper_id VARCHAR NOT NULL,
    field VARCHAR NOT NULL CHECK (field IN ('title', 'abstract')),
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL CHECK (end_char > start_char),
    text VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    host VARCHAR NOT NULL CHECK (host IN ('github', 'gitlab', 'huggingface', 'bitbucket', 'project_page', 'other')),
    repo VARCHAR,
    build_id INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS buzzword_mentions (
    paper_id VARCHAR NOT NULL,
    field VARCHAR NOT NULL CHECK (field IN ('title', 'abstract')),
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL CHECK (end_char > start_char),
    text VARCHAR NOT NULL,
    buzzword VARCHAR NOT NULL,
    build_id INTEGER NOT NULL
);
ALTER TABLE buzzword_mentions ADD COLUMN IF NOT EXISTS lexicon VARCHAR;

CREATE TABLE IF NOT EXISTS code_promises (
    paper_id VARCHAR NOT NULL,
    field VARCHAR NOT NULL CHECK (field IN ('title', 'abstract')),
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL CHECK (end_char > start_char),
    text VARCHAR NOT NULL,
    build_id INTEGER NOT NULL
);

-- Claimed results: a claim tied by its sentence to a named benchmark (analysis/extract/results.py).
CREATE TABLE IF NOT EXISTS results (
    paper_id VARCHAR NOT NULL,
    field VARCHAR NOT NULL CHECK (field IN ('title', 'abstract')),
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL CHECK (end_char > start_char),
    text VARCHAR NOT NULL,
    value DOUBLE NOT NULL,
    unit VARCHAR,
    metric VARCHAR,
    metric_text VARCHAR,
    benchmark VARCHAR NOT NULL,
    model VARCHAR,
    own BOOLEAN NOT NULL,
    comparison VARCHAR NOT NULL CHECK (comparison IN ('absolute', 'gain', 'gap')),
    build_id INTEGER NOT NULL
);

-- Discovered terms are stored one row per paper, as lists of vocabulary ids: a term string per paper and term
-- made the terms the largest table of the database (1.36x the database without them on 12,000 Hugging Face
-- papers; these lists 1.14x). The terms view below gives them back one row per paper and term.
CREATE TABLE IF NOT EXISTS paper_terms (
    paper_id VARCHAR NOT NULL,
    term_ids INTEGER[] NOT NULL,
    mentions INTEGER[] NOT NULL,
    build_id INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS term_vocabulary (
    term_id INTEGER NOT NULL,
    term VARCHAR NOT NULL,
    month DATE,
    papers INTEGER NOT NULL,
    build_id INTEGER NOT NULL,
    kept BOOLEAN NOT NULL DEFAULT true
);

CREATE TABLE IF NOT EXISTS rejects (
    source_file VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    reason VARCHAR NOT NULL,
    raw VARCHAR NOT NULL,
    build_id INTEGER NOT NULL
);

-- Derived: refreshed in each build's last transaction (analysis/store/derived.py holds its SQL).
CREATE TABLE IF NOT EXISTS explore_papers (
    paper_id VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    day VARCHAR,
    published VARCHAR,
    listed VARCHAR,
    status VARCHAR NOT NULL,
    code VARCHAR[] NOT NULL,
    claims VARCHAR[] NOT NULL,
    evidence VARCHAR[] NOT NULL,
    models VARCHAR[] NOT NULL,
    datasets VARCHAR[] NOT NULL,
    buzzwords VARCHAR[] NOT NULL
);
-- Explore tables from before the date and code columns get them; the build's refresh fills them.
ALTER TABLE explore_papers ADD COLUMN IF NOT EXISTS published VARCHAR;
ALTER TABLE explore_papers ADD COLUMN IF NOT EXISTS listed VARCHAR;
ALTER TABLE explore_papers ADD COLUMN IF NOT EXISTS code VARCHAR[] DEFAULT [];

-- A link to a repository beats a web page, which beats a promise (ANNOTATION.md section 3).
CREATE OR REPLACE VIEW code_status AS
WITH linked AS (
    SELECT paper_id, bool_or(repo IS NOT NULL) AS has_repo FROM links GROUP BY paper_id
),
promised AS (SELECT DISTINCT paper_id FROM code_promises)
SELECT
    p.paper_id,
    CASE
        WHEN p.github_repo IS NOT NULL OR l.has_repo THEN 'released'
        WHEN l.paper_id IS NOT NULL THEN 'project_page'
        WHEN c.paper_id IS NOT NULL THEN 'promised'
        ELSE 'none'
    END AS status
FROM papers p
LEFT JOIN linked l ON l.paper_id = p.paper_id
LEFT JOIN promised c ON c.paper_id = p.paper_id;

-- One row per paper and term, as term discovery found them (analysis/extract/terms.py); stored as paper_terms.
CREATE OR REPLACE VIEW terms AS
SELECT t.paper_id, v.term, t.mentions, t.build_id
FROM (SELECT paper_id, unnest(term_ids) AS term_id, unnest(mentions) AS mentions, build_id FROM paper_terms) t
JOIN term_vocabulary v USING (term_id)
WHERE v.kept;

-- Each paper in its periods, by either date: join it to count anything per week, month or quarter.
CREATE OR REPLACE VIEW paper_periods AS
SELECT paper_id, 'published' AS basis, published AS day,
       CAST(date_trunc('week', published) AS DATE) AS week, CAST(date_trunc('month', published) AS DATE) AS month,
       CAST(date_trunc('quarter', published) AS DATE) AS quarter
FROM papers WHERE published IS NOT NULL
UNION ALL
SELECT paper_id, 'listed', listed, CAST(date_trunc('week', listed) AS DATE), CAST(date_trunc('month', listed) AS DATE),
       CAST(date_trunc('quarter', listed) AS DATE)
FROM papers WHERE listed IS NOT NULL;

-- Buzzword rates per month with their denominator (months where a buzzword has no paper are absent here;
-- analysis.trends.rates fills them with zeros).
CREATE OR REPLACE VIEW monthly_buzzword_rates AS
WITH month_papers AS (SELECT basis, month, count(*) AS month_papers FROM paper_periods GROUP BY ALL)
SELECT pp.basis, pp.month, b.buzzword, count(*) AS mentions, count(DISTINCT b.paper_id) AS papers, mp.month_papers,
       round(1000.0 * count(DISTINCT b.paper_id) / mp.month_papers, 2) AS papers_per_1000,
       round(1000.0 * count(*) / mp.month_papers, 2) AS mentions_per_1000
FROM buzzword_mentions b JOIN paper_periods pp USING (paper_id) JOIN month_papers mp USING (basis, month)
GROUP BY pp.basis, pp.month, b.buzzword, mp.month_papers;

COMMENT ON VIEW paper_periods IS 'Each dated paper with its day, week (Monday), month and quarter, once per date basis (published, listed).';
COMMENT ON COLUMN paper_periods.paper_id IS 'The paper (papers.paper_id).';
COMMENT ON COLUMN paper_periods.basis IS 'Which date places the paper: published or listed.';
COMMENT ON COLUMN paper_periods.day IS 'The date itself.';
COMMENT ON COLUMN paper_periods.week IS 'Monday of its week.';
COMMENT ON COLUMN paper_periods.month IS 'First day of its month.';
COMMENT ON COLUMN paper_periods.quarter IS 'First day of its quarter.';
COMMENT ON VIEW monthly_buzzword_rates IS 'Buzzword mentions and papers per month and date basis, with the month''s paper count as denominator.';
COMMENT ON COLUMN monthly_buzzword_rates.basis IS 'Which date places the papers: published or listed.';
COMMENT ON COLUMN monthly_buzzword_rates.month IS 'First day of the month.';
COMMENT ON COLUMN monthly_buzzword_rates.buzzword IS 'Canonical buzzword.';
COMMENT ON COLUMN monthly_buzzword_rates.mentions IS 'Mentions in papers of the month.';
COMMENT ON COLUMN monthly_buzzword_rates.papers IS 'Papers of the month with at least one mention.';
COMMENT ON COLUMN monthly_buzzword_rates.month_papers IS 'All papers of the month (the denominator).';
COMMENT ON COLUMN monthly_buzzword_rates.papers_per_1000 IS 'papers per 1,000 papers of the month.';
COMMENT ON COLUMN monthly_buzzword_rates.mentions_per_1000 IS 'mentions per 1,000 papers of the month.';

COMMENT ON TABLE builds IS 'One row per build: when it ran, which pipeline version produced its rows, and what it read.';
COMMENT ON COLUMN builds.build_id IS 'Build number, 1 for the first build of this database; every row of every table names the build that wrote it.';
COMMENT ON COLUMN builds.started_at IS 'When the build started (local time of the machine).';
COMMENT ON COLUMN builds.finished_at IS 'When the build committed (local time of the machine).';
COMMENT ON COLUMN builds.pipeline_version IS 'What produced the rows: papertrends version, base model and its version, spaCy and spacy-lookups-data versions, hashes of the extraction code and of the lexicons.';
COMMENT ON COLUMN builds.inputs IS 'The listing files read, as given on the command line or found in folders.';
COMMENT ON COLUMN builds.records_seen IS 'Records met in the files read: papers_read + records_rejected.';
COMMENT ON COLUMN builds.papers_read IS 'Records read as sightings of papers (one paper seen in two files counts twice).';
COMMENT ON COLUMN builds.records_rejected IS 'Records that went to the rejects table.';
COMMENT ON COLUMN builds.papers_extracted IS 'Papers whose text was (re-)extracted: new papers, changed text, or a new pipeline version.';
COMMENT ON COLUMN builds.files_skipped IS 'Input files skipped because they had not changed since an earlier build.';

COMMENT ON TABLE files IS 'Every input file a build has read, so an unchanged file is not read again.';
COMMENT ON COLUMN files.source_file IS 'Path of the listing file, as given to the build.';
COMMENT ON COLUMN files.size IS 'Size in bytes when it was read.';
COMMENT ON COLUMN files.modified IS 'Modification time when it was read.';
COMMENT ON COLUMN files.records_seen IS 'Records met in the file.';
COMMENT ON COLUMN files.build_id IS 'Build that last read the file.';
COMMENT ON COLUMN files.mapping IS 'The --map the file was read with, as JSON (our field to the file''s column); NULL when none was given or its format takes none. A build given another mapping reads the file again.';

COMMENT ON TABLE sightings IS 'Every record that showed a paper: which source, file and position, and the day it listed it.';
COMMENT ON COLUMN sightings.paper_id IS 'The paper seen (papers.paper_id).';
COMMENT ON COLUMN sightings.source IS 'Listing format of the record.';
COMMENT ON COLUMN sightings.source_file IS 'Path of the listing file, as given to the build.';
COMMENT ON COLUMN sightings.position IS 'Line number, or item number in a JSON array, of the record in its file.';
COMMENT ON COLUMN sightings.listed IS 'Day this listing showed the paper, NULL when it does not say.';
COMMENT ON COLUMN sightings.published IS 'Publication date this record gives, NULL when it has none.';
COMMENT ON COLUMN sightings.build_id IS 'Build that read the record.';

COMMENT ON TABLE papers IS 'One row per paper (deduplicated by arXiv id, else normalized title): the text every offset refers to, merged from its sightings.';
COMMENT ON COLUMN papers.paper_id IS 'The arXiv id without version when known, else ''title:'' and a hash of the normalized title.';
COMMENT ON COLUMN papers.title IS 'Title as stored: Unicode NFC, white space folded to single spaces.';
COMMENT ON COLUMN papers.abstract IS 'Abstract as stored: Unicode NFC, white space folded to single spaces.';
COMMENT ON COLUMN papers.published IS 'Publication date given by the listing, NULL when it has none.';
COMMENT ON COLUMN papers.url IS 'Link to the paper given by the listing, NULL when it has none.';
COMMENT ON COLUMN papers.source IS 'Listing format the title and abstract were taken from: arxiv_snapshot, arxiv_atom, arxiv_listing, hf_daily_papers, jsonl, csv, parquet or hf_papers_page.';
COMMENT ON COLUMN papers.source_file IS 'Path of the listing file the title and abstract were taken from.';
COMMENT ON COLUMN papers.source_position IS 'Position of that record in its file: line number (the title line for a Hugging Face Papers page) or item number in a JSON array.';
COMMENT ON COLUMN papers.source_id IS 'Id the listing itself gave the record, NULL when it has none.';
COMMENT ON COLUMN papers.arxiv_id IS 'arXiv id without version, NULL when unknown.';
COMMENT ON COLUMN papers.github_repo IS 'Code repository named by the listing itself (not found in the text), NULL when none.';
COMMENT ON COLUMN papers.listed IS 'Day the listing showed the paper (Hugging Face featured day, arXiv listing day), NULL when unknown.';
COMMENT ON COLUMN papers.categories IS 'arXiv categories (cs.CV, cs.CL ...), empty when the listing has none.';
COMMENT ON COLUMN papers.authors IS 'Author names in listing order, empty when the listing has none.';
COMMENT ON COLUMN papers.upvotes IS 'Hugging Face upvotes at crawl time, NULL for other sources.';
COMMENT ON COLUMN papers.comments IS 'Hugging Face comment count at crawl time, NULL for other sources.';
COMMENT ON COLUMN papers.github_stars IS 'GitHub stars of github_repo at crawl time (Hugging Face), NULL when unknown.';
COMMENT ON COLUMN papers.project_page IS 'Project page named by the listing itself, NULL when none.';
COMMENT ON COLUMN papers.keywords IS 'Keywords the listing gives (Hugging Face ai_keywords), empty when none.';
COMMENT ON COLUMN papers.pipeline_version IS 'Pipeline version that produced this paper''s extraction rows (builds.pipeline_version).';
COMMENT ON COLUMN papers.build_id IS 'Build that wrote this row (builds.build_id).';

COMMENT ON TABLE claims IS 'Numeric claims: numbers written in digits that state a result, gain, drop, gap, scale, size, cost or speed.';
COMMENT ON COLUMN claims.paper_id IS 'Paper the claim is in (papers.paper_id).';
COMMENT ON COLUMN claims.field IS 'title or abstract: the papers column the offsets refer to.';
COMMENT ON COLUMN claims.start_char IS 'First character of the span, 0-based, in the field as stored.';
COMMENT ON COLUMN claims.end_char IS 'One past the last character of the span.';
COMMENT ON COLUMN claims.text IS 'The span: the number with its glued sign, qualifier symbol, magnitude suffix and unit symbol.';
COMMENT ON COLUMN claims.value IS 'The number as a value: sign applied, magnitude suffix or word (K, M, B, million) multiplied out.';
COMMENT ON COLUMN claims.kind IS 'percent, multiplier, count, params, score, duration or other.';
COMMENT ON COLUMN claims.unit IS '% or x for percents and multipliers (pp for percentage points), the counted noun for counts, the metric for scores, the time unit for durations; NULL when the text names none.';
COMMENT ON COLUMN claims.qualifier IS 'none, approx, more_than, at_least, up_to, less_than or at_most, from a symbol in the span or a word before it.';
COMMENT ON COLUMN claims.metric IS 'What the number measures when its sentence says (accuracy, map, sample efficiency, latency), lower-cased; NULL otherwise.';
COMMENT ON COLUMN claims.direction IS 'gain (the quantity rose), drop (it fell), gap (a difference between others) or level (an absolute amount, also both ends of "from A to B", whose change is in claim_changes); whether a move is an improvement is in better.';
COMMENT ON COLUMN claims.better IS 'For a gain or drop: true when the move is an improvement (the text says so, or the metric''s polarity in data/lexicons/metric_polarity.csv does: +294.1% perplexity is false), false when it is worse; NULL for gaps and levels and when the polarity is unknown.';
COMMENT ON COLUMN claims.display_text IS 'The span as the report shows it: \% as %, \times and "times" glued to a number as ×, \sim, \geq and \leq as ~, ≥ and ≤, math dollars dropped (400\% is 400%, 12,000times is 12,000×); text keeps the span as written. NULL in a database built before the column existed.';
COMMENT ON COLUMN claims.build_id IS 'Build that wrote this row (builds.build_id).';

COMMENT ON TABLE claim_changes IS 'Changes derived from two claims, the levels A and B of "from A to B", "A → B" or "<verb> A to B": not stated in the text but computed from it (B - A and (B - A) / |A|).';
COMMENT ON COLUMN claim_changes.paper_id IS 'Paper the change is in (papers.paper_id).';
COMMENT ON COLUMN claim_changes.field IS 'title or abstract: the papers column the offsets refer to.';
COMMENT ON COLUMN claim_changes.start_char IS 'First character of claim A (= from_start_char), 0-based, in the field as stored.';
COMMENT ON COLUMN claim_changes.end_char IS 'One past the last character of claim B (= to_end_char).';
COMMENT ON COLUMN claim_changes.text IS 'The text from A to B (48.3% to 58.3%).';
COMMENT ON COLUMN claim_changes.from_start_char IS 'Start of claim A: the claims row with this paper_id, field and start_char.';
COMMENT ON COLUMN claim_changes.from_end_char IS 'End of claim A (claims.end_char).';
COMMENT ON COLUMN claim_changes.to_start_char IS 'Start of claim B: the claims row with this paper_id, field and start_char.';
COMMENT ON COLUMN claim_changes.to_end_char IS 'End of claim B (claims.end_char).';
COMMENT ON COLUMN claim_changes.from_value IS 'Value of A (claims.value).';
COMMENT ON COLUMN claim_changes.to_value IS 'Value of B (claims.value).';
COMMENT ON COLUMN claim_changes.kind IS 'Kind of both claims (claims.kind); claims of two kinds make no change.';
COMMENT ON COLUMN claim_changes.unit IS 'Unit of the claims (claims.unit); claims in two units make no change.';
COMMENT ON COLUMN claim_changes.metric IS 'What A and B measure when the sentence says, lower-cased; NULL otherwise.';
COMMENT ON COLUMN claim_changes.difference IS 'B - A in the claims'' unit: percentage points when both are percents (48.3% to 58.3% is 10.0).';
COMMENT ON COLUMN claim_changes.relative_percent IS '(B - A) / |A| x 100: the relative change in percent (48.3% to 58.3% is 20.7); NULL when A is 0.';
COMMENT ON COLUMN claim_changes.direction IS 'rose (B > A), fell (B < A) or unchanged.';
COMMENT ON COLUMN claim_changes.better IS 'True when the change is an improvement (the verb says so, "improves", or the metric''s polarity in data/lexicons/metric_polarity.csv: perplexity falling is true), false when worse, NULL when unknown or unchanged.';
COMMENT ON COLUMN claim_changes.display_text IS 'The text from A to B as the report shows it (% and ×, as claims.display_text).';
COMMENT ON COLUMN claim_changes.build_id IS 'Build that wrote this row (builds.build_id).';

COMMENT ON TABLE entities IS 'Named models, methods, datasets and benchmarks mentioned in a paper.';
COMMENT ON COLUMN entities.paper_id IS 'Paper the mention is in (papers.paper_id).';
COMMENT ON COLUMN entities.field IS 'title or abstract: the papers column the offsets refer to.';
COMMENT ON COLUMN entities.start_char IS 'First character of the span, 0-based, in the field as stored.';
COMMENT ON COLUMN entities.end_char IS 'One past the last character of the span.';
COMMENT ON COLUMN entities.text IS 'The name as written, with its version, size and variant parts (Llama-2-7B, ViT-B/16).';
COMMENT ON COLUMN entities.label IS 'MODEL (model, architecture, system or method) or DATASET (dataset or benchmark): one label per canonical name across the database, as entity_labels decided it.';
COMMENT ON COLUMN entities.canonical IS 'One name for all spellings (LLaMA for Llama and LLAMA), from the lexicons, with the version, size and variant parts as written in one spelling (GPT-5.5, Qwen3-VL-8B, Gemini-3.1-Pro for Gemini 3.1 Pro): never folded into a family (see family). A plural counts as its name (LoRAs: LoRA). Names no lexicon knows: as written, without trailing punctuation.';
COMMENT ON COLUMN entities.introduced IS 'True when the paper presents the entity as its own contribution (we propose X, named X, X: title).';
COMMENT ON COLUMN entities.build_id IS 'Build that wrote this row (builds.build_id).';
COMMENT ON COLUMN entities.family IS 'Family the name counts in on the report (Qwen for Qwen3-VL-8B, SWE-bench for SWE-bench Verified), from the first rule of data/lexicons/families.csv that covers the canonical name; the canonical name itself when no rule does.';
COMMENT ON COLUMN entities.mention_label IS 'The label this mention''s own paper gave it (its lexicon, family rule or surrounding words), before the database-wide vote that sets label.';
COMMENT ON COLUMN entities.label_source IS 'What mention_label rests on: lexicon (a lexicon names it), family (a families.csv rule covers it), context (words in or around the name say it) or default (nothing did: MODEL).';
COMMENT ON COLUMN entities.from_corpus IS 'True for a mention the corpus step found (store.derived.spread_names): a name another mention gives evidence for (introduced, or its words say what it is) written here where no rule of this paper found it; its label_source is default. Such rows are rewritten at the end of every build.';

COMMENT ON TABLE entity_labels IS 'The one label of each canonical name across the database and how it was decided; rewritten at the end of every build, and entities.label follows it.';
COMMENT ON COLUMN entity_labels.canonical IS 'The canonical name (entities.canonical).';
COMMENT ON COLUMN entity_labels.label IS 'MODEL or DATASET: the label every mention of the name carries in entities.label.';
COMMENT ON COLUMN entity_labels.decided_by IS 'lexicon (a lexicon names it: its label), family (a families.csv rule covers it: the rule''s label), votes (the label more papers'' context gave it), tie (as many papers said each: MODEL) or default (no mention''s context said either: MODEL).';
COMMENT ON COLUMN entity_labels.model_votes IS 'Papers with a mention whose surrounding words say MODEL (entities.label_source = context).';
COMMENT ON COLUMN entity_labels.dataset_votes IS 'Papers with a mention whose surrounding words say DATASET (entities.label_source = context).';
COMMENT ON COLUMN entity_labels.mentions IS 'Mentions of the name in the database.';
COMMENT ON COLUMN entity_labels.papers IS 'Papers that mention the name.';

COMMENT ON TABLE links IS 'Every URL in a paper''s text, trailing punctuation and .git removed.';
COMMENT ON COLUMN links.paper_id IS 'Paper the link is in (papers.paper_id).';
COMMENT ON COLUMN links.field IS 'title or abstract: the papers column the offsets refer to.';
COMMENT ON COLUMN links.start_char IS 'First character of the span, 0-based, in the field as stored.';
COMMENT ON COLUMN links.end_char IS 'One past the last character of the span.';
COMMENT ON COLUMN links.text IS 'The URL exactly as written in the field.';
COMMENT ON COLUMN links.url IS 'The URL (same as text; kept as its own column for joins and readability).';
COMMENT ON COLUMN links.host IS 'github, gitlab, huggingface, bitbucket, project_page (a github.io page or a project site) or other (short links, archives, social sites).';
COMMENT ON COLUMN links.repo IS 'owner/name on a code host, lower-cased; NULL for other hosts or links to no repository.';
COMMENT ON COLUMN links.build_id IS 'Build that wrote this row (builds.build_id).';

COMMENT ON TABLE buzzword_mentions IS 'Mentions of lexicon buzzwords (data/lexicons/buzzwords.csv), matched case-insensitively on lemmas.';
COMMENT ON COLUMN buzzword_mentions.paper_id IS 'Paper the mention is in (papers.paper_id).';
COMMENT ON COLUMN buzzword_mentions.field IS 'title or abstract: the papers column the offsets refer to.';
COMMENT ON COLUMN buzzword_mentions.start_char IS 'First character of the span, 0-based, in the field as stored.';
COMMENT ON COLUMN buzzword_mentions.end_char IS 'One past the last character of the span.';
COMMENT ON COLUMN buzzword_mentions.text IS 'The phrase as written (Generalisation Abilities).';
COMMENT ON COLUMN buzzword_mentions.buzzword IS 'Canonical buzzword of the lexicon (generalization ability).';
COMMENT ON COLUMN buzzword_mentions.build_id IS 'Build that wrote this row (builds.build_id).';
COMMENT ON COLUMN buzzword_mentions.lexicon IS 'Fingerprint of the buzzword lexicon that matched this mention (the +buzz- part of papers.pipeline_version and builds.pipeline_version); a build that sees only it change re-matches buzzwords alone.';

COMMENT ON TABLE paper_terms IS 'Discovered terms as stored: one row per paper, its vocabulary terms as ids with their mentions (read them through the terms view). Only terms of term_vocabulary get in.';
COMMENT ON COLUMN paper_terms.paper_id IS 'Paper that uses the terms (papers.paper_id).';
COMMENT ON COLUMN paper_terms.term_ids IS 'The vocabulary terms it uses (term_vocabulary.term_id), each once.';
COMMENT ON COLUMN paper_terms.mentions IS 'Times its title and abstract use each term, in the order of term_ids.';
COMMENT ON COLUMN paper_terms.build_id IS 'Build that wrote this row (builds.build_id).';
COMMENT ON TABLE term_vocabulary IS 'The discovered terms the database keeps, one row per term: the corpus-level filter that bounds its size. A term joins when, in one month of one extraction batch, it is among the Tuning.term_vocabulary terms most papers use and at least Tuning.term_min_papers papers use it; it stays for later builds. Papers extracted before it joined have no row of it.';
COMMENT ON COLUMN term_vocabulary.term_id IS 'The term''s id in paper_terms.term_ids.';
COMMENT ON COLUMN term_vocabulary.term IS 'The term, folded as in terms.term.';
COMMENT ON COLUMN term_vocabulary.month IS 'Publication month (first day) whose top terms it joined with; NULL for undated papers.';
COMMENT ON COLUMN term_vocabulary.papers IS 'Papers of that batch and month that used it when it joined.';
COMMENT ON COLUMN term_vocabulary.build_id IS 'Build in which it joined (builds.build_id).';
COMMENT ON COLUMN term_vocabulary.kept IS 'Whether the terms view shows it: at least Tuning.term_min_papers papers of the database use it (set at the end of every build).';
COMMENT ON VIEW terms IS 'Discovered terms: word n-grams of one to four words of a paper''s title and abstract (analysis/extract/terms.py), lower-cased and folded, one row per paper and term; only terms of term_vocabulary that at least Tuning.term_min_papers papers use (kept).';
COMMENT ON COLUMN terms.paper_id IS 'Paper that uses the term (papers.paper_id).';
COMMENT ON COLUMN terms.term IS 'The term as folded: lower case, American spelling, hyphens as spaces, last word singular (test time scaling, large language model); a defined acronym counts as its expansion.';
COMMENT ON COLUMN terms.mentions IS 'Times the paper''s title and abstract use it (an acronym''s uses included).';
COMMENT ON COLUMN terms.build_id IS 'Build that wrote this row (builds.build_id).';
COMMENT ON TABLE code_promises IS 'Phrases promising code, models or data (will be released, coming soon); evidence for code_status.';
COMMENT ON COLUMN code_promises.paper_id IS 'Paper the promise is in (papers.paper_id).';
COMMENT ON COLUMN code_promises.field IS 'title or abstract: the papers column the offsets refer to.';
COMMENT ON COLUMN code_promises.start_char IS 'First character of the span, 0-based, in the field as stored.';
COMMENT ON COLUMN code_promises.end_char IS 'One past the last character of the span.';
COMMENT ON COLUMN code_promises.text IS 'The promise as written (will be made publicly available).';
COMMENT ON COLUMN code_promises.build_id IS 'Build that wrote this row (builds.build_id).';

COMMENT ON TABLE results IS 'Claimed results: a numeric claim (claims) that its own sentence ties to a named benchmark (a DATASET entity of the same sentence), with its metric, the system it is for and whether it is a score, a gain or a gap. The papers'' own statements, not verified runs.';
COMMENT ON COLUMN results.paper_id IS 'Paper the result is in (papers.paper_id).';
COMMENT ON COLUMN results.field IS 'title or abstract: the papers column the offsets refer to.';
COMMENT ON COLUMN results.start_char IS 'First character of the number, 0-based: the claims row with this paper_id, field and start_char.';
COMMENT ON COLUMN results.end_char IS 'One past the last character of the number (claims.end_char).';
COMMENT ON COLUMN results.text IS 'The number as written, the claim''s span (62.4%, +3.1, 45.2).';
COMMENT ON COLUMN results.value IS 'The number as written (claims.value): 62.4 for 62.4%, 3.1 for +3.1 or 3.1 points; negative when written negative.';
COMMENT ON COLUMN results.unit IS 'The claim''s unit (claims.unit): %, pp, or NULL for a bare score.';
COMMENT ON COLUMN results.metric IS 'What the number measures, normalised (accuracy, map, pass@1, success rate, resolve rate, ...) by the names and aliases of data/lexicons/metric_polarity.csv; NULL when the sentence names no metric.';
COMMENT ON COLUMN results.metric_text IS 'The metric as written in the sentence (mAP, Pass@1, resolves); NULL when it names none.';
COMMENT ON COLUMN results.benchmark IS 'Canonical name of the benchmark the sentence ties the number to (entities.canonical of a DATASET mention in the same sentence).';
COMMENT ON COLUMN results.model IS 'Canonical name of the system the number is for when the sentence names one before it (entities.canonical of a MODEL mention), not a baseline it is compared with; NULL for an unnamed system (our method).';
COMMENT ON COLUMN results.own IS 'True when the number is for the paper''s own system (unnamed, or a name the paper introduces, or the B of from A to B); false for a baseline or another system (the A of from A to B, a named model the paper does not introduce).';
COMMENT ON COLUMN results.comparison IS 'absolute (a score reached), gain (an improvement over a baseline, stated as the difference: +3.1, by 3.1 points) or gap (a stated distance to another system: trails GPT-4 by 2 points, within 1.5%).';
COMMENT ON COLUMN results.build_id IS 'Build that wrote this row (builds.build_id).';

COMMENT ON TABLE rejects IS 'Records that could not be read, with where and why; read + rejected = seen for every build. Also papers a component failed on (reason starting "extraction failed"): those were read and are stored, without extracted rows, and are not counted as rejected.';
COMMENT ON COLUMN rejects.source_file IS 'Path of the listing file, as given to the build.';
COMMENT ON COLUMN rejects.position IS 'Line number of the record in its file.';
COMMENT ON COLUMN rejects.reason IS 'Why the record was not read (or not extracted: which component, on which field, and its error), in words.';
COMMENT ON COLUMN rejects.raw IS 'The start of the record as found (at most 500 characters).';
COMMENT ON COLUMN rejects.build_id IS 'Build that met the record (builds.build_id).';

COMMENT ON TABLE explore_papers IS 'The Explore page''s rows: the newest 20,000 papers (by listing day, else publication date) with what was extracted from them. Derived from the other tables by the SQL in analysis/store/derived.py at the end of every build that changed anything.';
COMMENT ON COLUMN explore_papers.paper_id IS 'The paper (papers.paper_id).';
COMMENT ON COLUMN explore_papers.title IS 'Its title (papers.title).';
COMMENT ON COLUMN explore_papers.day IS 'Listing day, else publication date, as YYYY-MM-DD; NULL when it has neither.';
COMMENT ON COLUMN explore_papers.published IS 'Publication date (papers.published) as YYYY-MM-DD, NULL when unknown; a link opens the papers of a period by it.';
COMMENT ON COLUMN explore_papers.listed IS 'Listing day (papers.listed) as YYYY-MM-DD, NULL when unknown.';
COMMENT ON COLUMN explore_papers.status IS 'Its code status (code_status.status).';
COMMENT ON COLUMN explore_papers.code IS 'Where its code evidence is: ''text'' when the title or abstract links a repository (links.repo), ''listing'' when the listing names one (papers.github_repo); empty for neither.';
COMMENT ON COLUMN explore_papers.claims IS 'Its claims'' texts as shown (claims.display_text, else claims.text), title first, in text order.';
COMMENT ON COLUMN explore_papers.evidence IS 'Up to five passages around its claims: 60 characters either side, from the title or abstract.';
COMMENT ON COLUMN explore_papers.models IS 'Distinct canonical MODEL names it mentions (entities.canonical).';
COMMENT ON COLUMN explore_papers.datasets IS 'Distinct canonical DATASET names it mentions (entities.canonical).';
COMMENT ON COLUMN explore_papers.buzzwords IS 'Distinct buzzwords it mentions (buzzword_mentions.buzzword).';
COMMENT ON VIEW code_status IS 'Each paper''s code status: released (links a repository or the listing names one), project_page (links web pages only), promised (no link, promises code or data), none.';
COMMENT ON COLUMN code_status.paper_id IS 'The paper (papers.paper_id).';
COMMENT ON COLUMN code_status.status IS 'released, project_page, promised or none.';
