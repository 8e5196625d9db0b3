-- 0012_terms: the legal term running on each case (core/ncpp.h), kept
-- on the case row like its stage and derived from its events by the
-- application: the kind (codebook legal_term), the date it runs from, its
-- last day (extension included) and whether it was extended. All NULL (0)
-- when no term runs. The index answers 'case deadlines --overdue', the
-- dashboard's overdue terms by office and the case list sorted by due date;
-- it holds every column 'case deadlines' prints, so the listing reads the
-- index alone (in due-date order, no lookup of each case row: at 100,000
-- overdue cases the lookups were four fifths of the query's time, bench/).
ALTER TABLE cases ADD COLUMN term_kind TEXT;
ALTER TABLE cases ADD COLUMN term_start TEXT;
ALTER TABLE cases ADD COLUMN term_due TEXT;
ALTER TABLE cases ADD COLUMN term_extended INTEGER NOT NULL DEFAULT 0;
CREATE INDEX cases_term_due ON cases(term_due, id, office_id, number, stage, term_kind,
	term_start, term_extended);
-- The cases registered before this migration get their terms from the
-- application at its next start, where the rule is: a register without the
-- meta key 'terms.stale' = '0' has its terms derived then (app/deadlines.c).
-- No row is inserted here: copying a register (migrate, backup) fills an
-- empty, migrated database with the source's rows, meta included.
