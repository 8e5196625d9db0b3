-- 0010_outcomes.sql — each suspect's procedural path, dated (issue 10).
--
-- A suspect's outcome was one code set at registration; it is now the
-- result of a dated sequence of steps (charge, reclassification,
-- indictment, judgement, appeal and its result, final judgement;
-- core/outcome.h), with the sentence and the civil reparation on the step
-- that ordered them, and the reparation's payments. participations keeps
-- what the path amounts to (outcome, sentence_months, reparation_*, and
-- now the dates that statistics count by: convicted_on, the judgement of
-- the conviction in force; prosecuted_on, the first indictment or
-- judgement; offence, the article convicted of or charged with), written
-- by the application with the path in the same transaction.
--
-- Each existing suspect's single outcome becomes a one-step path dated by
-- the case's first event of the matching stage (a conviction by the first
-- 'conviction_first_instance'...), with its sentence and reparation; when
-- the case has no such event the date stays unknown (NULL), and the case
-- asks for it at its next update. 'deceased' becomes an extinguished action.
--
-- The register's statistical facts are derived data: they are dropped here
-- (imported records stay) and derived again, with the new kinds
-- 'conviction' and 'prosecuted', by the next refresh (app/stats.c).
CREATE TABLE suspect_steps (
	participation_id        BIGINT NOT NULL REFERENCES participations(id) ON DELETE CASCADE,
	pos                     INTEGER NOT NULL,
	step                    TEXT NOT NULL,
	date                    TEXT,
	offence                 TEXT,
	prison_months           INTEGER NOT NULL DEFAULT 0,
	suspended               INTEGER NOT NULL DEFAULT 0,
	days_fine               INTEGER NOT NULL DEFAULT 0,
	disqualification_months INTEGER NOT NULL DEFAULT 0,
	disqualification        TEXT,
	reparation_cents        BIGINT NOT NULL DEFAULT 0,
	reparation_currency     TEXT,
	PRIMARY KEY (participation_id, pos)
) WITHOUT ROWID;

CREATE TABLE reparation_payments (
	participation_id BIGINT NOT NULL REFERENCES participations(id) ON DELETE CASCADE,
	pos              INTEGER NOT NULL,
	date             TEXT,
	amount_cents     BIGINT NOT NULL,
	PRIMARY KEY (participation_id, pos)
) WITHOUT ROWID;

ALTER TABLE participations ADD COLUMN convicted_on TEXT;
ALTER TABLE participations ADD COLUMN prosecuted_on TEXT;
ALTER TABLE participations ADD COLUMN offence TEXT;

INSERT INTO suspect_steps(participation_id, pos, step, date, prison_months,
	reparation_cents, reparation_currency)
SELECT p.id, 0,
	CASE p.outcome WHEN 'convicted' THEN 'conviction_trial'
		WHEN 'plea_convicted' THEN 'conviction_plea'
		WHEN 'effective_collaboration' THEN 'collaboration'
		WHEN 'acquitted' THEN 'acquittal' WHEN 'dismissed' THEN 'dismissal'
		WHEN 'archived' THEN 'archive' WHEN 'deceased' THEN 'extinguished'
		ELSE 'absent' END,
	(SELECT min(e.date) FROM events e WHERE e.case_id = p.case_id AND e.removed_in IS NULL
		AND ((p.outcome = 'convicted' AND e.stage = 'conviction_first_instance')
		OR (p.outcome = 'plea_convicted' AND e.stage = 'plea_agreement')
		OR (p.outcome = 'effective_collaboration' AND e.stage = 'effective_collaboration')
		OR (p.outcome = 'acquitted' AND e.stage = 'acquittal_first_instance')
		OR (p.outcome = 'dismissed' AND e.stage = 'dismissal_request')
		OR (p.outcome = 'archived' AND e.stage IN ('archive', 'provisional_archive')))),
	CASE WHEN p.outcome IN ('convicted', 'plea_convicted', 'effective_collaboration')
		THEN coalesce(p.sentence_months, 0) ELSE 0 END,
	CASE WHEN p.outcome IN ('convicted', 'plea_convicted', 'effective_collaboration', 'acquitted')
		AND p.reparation_cents > 0 AND p.reparation_currency IS NOT NULL
		THEN p.reparation_cents ELSE 0 END,
	CASE WHEN p.outcome IN ('convicted', 'plea_convicted', 'effective_collaboration', 'acquitted')
		AND p.reparation_cents > 0 THEN p.reparation_currency END
FROM participations p
WHERE p.role = 'suspect' AND p.outcome IN ('convicted', 'plea_convicted',
	'effective_collaboration', 'acquitted', 'dismissed', 'archived', 'deceased',
	'absent_or_fugitive');

UPDATE participations SET
	outcome = CASE WHEN outcome = 'deceased' THEN 'extinguished' ELSE outcome END,
	sentence_months = CASE WHEN outcome IN ('convicted', 'plea_convicted',
		'effective_collaboration') THEN sentence_months ELSE 0 END,
	reparation_cents = (SELECT s.reparation_cents FROM suspect_steps s
		WHERE s.participation_id = participations.id AND s.pos = 0),
	reparation_currency = (SELECT s.reparation_currency FROM suspect_steps s
		WHERE s.participation_id = participations.id AND s.pos = 0),
	convicted_on = (SELECT s.date FROM suspect_steps s
		WHERE s.participation_id = participations.id AND s.pos = 0
		AND s.step IN ('conviction_trial', 'conviction_plea', 'collaboration')),
	prosecuted_on = (SELECT s.date FROM suspect_steps s
		WHERE s.participation_id = participations.id AND s.pos = 0
		AND s.step IN ('conviction_trial', 'conviction_plea', 'collaboration', 'acquittal')),
	offence = (SELECT pc.code FROM participation_codes pc
		WHERE pc.participation_id = participations.id AND pc.dim = 'charge'
		ORDER BY pc.pos LIMIT 1)
WHERE role = 'suspect';
UPDATE participations SET outcome = 'pending'
WHERE role = 'suspect' AND (outcome IS NULL OR outcome = '');

DELETE FROM stat_codes WHERE fact_id IN (SELECT id FROM stat_facts WHERE source = 'register');
DELETE FROM stat_facts WHERE source = 'register';
DELETE FROM stat_cube WHERE source = 'register';
DELETE FROM meta WHERE key = 'stats.marks';
