-- 0014_mla.sql — international requests followed as a workflow (issue 13).
--
-- A request of a case document (requests) gains what a cooperation officer
-- follows: the legal basis (a treaty or the Palermo Convention art. 18), the
-- channel it travels by (central authority, diplomatic, INTERPOL, direct,
-- a network), what is asked (codes of CB_REQUEST_ASSISTANCE, comma-separated),
-- the date it was answered, and the persons and assets of the case it
-- concerns (comma-separated persons.id and assets.id of the same case; the
-- app checks they belong to it). Codes and ids only: nothing identifying.
ALTER TABLE requests ADD COLUMN legal_basis TEXT;
ALTER TABLE requests ADD COLUMN channel TEXT;
ALTER TABLE requests ADD COLUMN assistance TEXT;
ALTER TABLE requests ADD COLUMN answered TEXT;
ALTER TABLE requests ADD COLUMN persons TEXT;
ALTER TABLE requests ADD COLUMN assets TEXT;
CREATE INDEX requests_due_only ON requests(due);
