-- 0007_assignment.sql — a case's assigned prosecutor, and its transfers
-- from one office to another (derivación).
--
-- cases.assigned_to names the prosecutor of the case's office who works on
-- it (NULL: nobody yet); a transfer clears it. case_transfers keeps every
-- move of a case between offices, oldest first; its reason is free text and
-- so is sealed like a summary (`sealed`, table 'case_transfer', column
-- 'reason'). The statistical facts of a case carry the assignee's user name
-- (stat_facts.assignee, case facts only), so the office head's workload
-- view counts open cases by assignee and stage like every other grouping.

ALTER TABLE cases ADD COLUMN assigned_to BIGINT REFERENCES users(id);
-- "my cases": the list filtered by assignee, newest complaint first
CREATE INDEX cases_assigned ON cases(assigned_to, complaint_date);

CREATE TABLE case_transfers (
	id             INTEGER PRIMARY KEY,
	case_id        BIGINT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	from_office    BIGINT NOT NULL REFERENCES offices(id),
	to_office      BIGINT NOT NULL REFERENCES offices(id),
	transferred_by BIGINT REFERENCES users(id),
	transferred_at BIGINT NOT NULL
);
CREATE INDEX case_transfers_case ON case_transfers(case_id, id);

ALTER TABLE stat_facts ADD COLUMN assignee TEXT;
