-- 0016_related_offences: three related offences repeated an article of the
-- Título I-A already among the offences (codebook.c): the sexual
-- exploitation of children (129-H, before 2021 153-H), child pornography
-- (129-M; its old article 183-A has no code of its own, so 129-M) and
-- forced labour (129-O, before 2021 168-B). A case that held one of them
-- holds the article among its offences instead, by the complaint's date
-- against Ley 31146 (2021-03-30, the date the demo and the forms use), and
-- only when the case does not hold it already, after its offences in the
-- order the related ones had; then the related codes go.
-- The case's version does not change: the revisions kept before still show
-- the code they were written with (read back as stored, never re-parsed).
INSERT INTO case_codes(case_id, dim, code, pos)
SELECT r.case_id, 'offence', r.article,
	(SELECT coalesce(max(x.pos), -1) + 1 FROM case_codes x
	 WHERE x.case_id = r.case_id AND x.dim = 'offence') + r.pos
FROM (SELECT cc.case_id, cc.pos,
	CASE cc.code
		WHEN 'child_pornography' THEN 'cp_129m'
		WHEN 'child_sexual_exploitation' THEN
			CASE WHEN c.complaint_date >= '2021-03-30' THEN 'cp_129h' ELSE 'cp_153h' END
		ELSE CASE WHEN c.complaint_date >= '2021-03-30' THEN 'cp_129o' ELSE 'cp_168b' END
	END AS article
	FROM case_codes cc JOIN cases c ON c.id = cc.case_id
	WHERE cc.dim = 'related_offence'
	AND cc.code IN ('child_sexual_exploitation', 'child_pornography', 'forced_labour')) r
WHERE NOT EXISTS (SELECT 1 FROM case_codes y
	WHERE y.case_id = r.case_id AND y.dim = 'offence' AND y.code = r.article);
DELETE FROM case_codes WHERE dim = 'related_offence'
	AND code IN ('child_sexual_exploitation', 'child_pornography', 'forced_labour');
