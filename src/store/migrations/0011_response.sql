-- 0011_response.sql — the State's response to each victim and each asset,
-- and the police report a case came from (issue 10, items 3, 4 and 6).
--
-- Protection, assistance and referral: one row per measure or service a
-- victim received (participation, pos in entry order): what (protection
-- code), who gave it (provider code), from and until when, whether the
-- victim consented to the referral (1 yes, 0 no, NULL not recorded) and
-- its result. Codes only: nothing here identifies the victim.
CREATE TABLE protections (
	participation_id BIGINT NOT NULL REFERENCES participations(id) ON DELETE CASCADE,
	pos              INTEGER NOT NULL,
	measure          TEXT NOT NULL,
	provider         TEXT,
	date             TEXT,
	end_date         TEXT,
	consent          INTEGER,
	result           TEXT,
	PRIMARY KEY (participation_id, pos)
) WITHOUT ROWID;
-- the statistics group the measures by code and month
CREATE INDEX protections_measure ON protections(measure, date);

-- An asset's life is its dated steps (asset_measures, in entry order: the
-- last one is its current stage). The existing rows are carried over as
-- they are: every asset's measures so far are the first steps of its life
-- under the same codes (seized, frozen, forfeited = decomiso,
-- extinction_of_ownership, returned). A step may now carry the realised
-- value of a sale or assignment (minor units, the asset's currency) and the
-- number of the resolution or file that ordered it.
ALTER TABLE asset_measures ADD COLUMN value_cents BIGINT;
ALTER TABLE asset_measures ADD COLUMN reference TEXT;
-- Its owner or front man (a participation of the same case), how the
-- person holds it (owner_relation code) and the file number of its
-- forfeiture proceeding (extinción de dominio, D. Leg. 1373).
ALTER TABLE assets ADD COLUMN owner_participation BIGINT REFERENCES participations(id);
ALTER TABLE assets ADD COLUMN owner_relation TEXT;
ALTER TABLE assets ADD COLUMN forfeiture_file TEXT;
-- The identifiers (accounts, plates, companies' RUC) that lead to an asset.
ALTER TABLE identifiers ADD COLUMN asset_id BIGINT REFERENCES assets(id);

-- Police intake: the police report (informe or atestado policial) a case
-- came from, its number and unit, the references of the police registers
-- (RETA-PNP, SIDPOL) and the date it reached the prosecutor, so that
-- police and prosecution records can be reconciled.
ALTER TABLE cases ADD COLUMN police_kind TEXT;
ALTER TABLE cases ADD COLUMN police_number TEXT;
ALTER TABLE cases ADD COLUMN police_unit TEXT;
ALTER TABLE cases ADD COLUMN police_reta TEXT;
ALTER TABLE cases ADD COLUMN police_sidpol TEXT;
ALTER TABLE cases ADD COLUMN police_received TEXT;
CREATE INDEX cases_police_number ON cases(police_number);
