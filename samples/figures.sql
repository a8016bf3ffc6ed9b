-- Per-ward content-4 figures of the samples, for checking the README by hand. Run from the
-- repository root:
--   sqlite3 :memory: -cmd '.mode csv' -cmd '.import samples/households.csv h' \
--       -cmd '.import samples/registry-hanoi.csv r' -cmd '.mode markdown' \
--       -cmd '.headers on' '.read samples/figures.sql'
-- One record per household, as the spec picks it: an interview before any other outcome,
-- then the latest visit (julianday compares instants, whatever the UTC offset).
WITH picked AS (
    SELECT *, row_number() OVER (
        PARTITION BY ward_code, household_code
        ORDER BY visit_outcome = 'interviewed' DESC, julianday(visited_at) DESC) AS n
    FROM h),
one AS (SELECT * FROM picked WHERE n = 1),
registered AS (
    SELECT parent_code AS ward_code,
           CASE WHEN count(NULLIF(households_registered, '')) = count(*)
                THEN sum(households_registered) END AS households
    FROM r WHERE level = 'group' GROUP BY parent_code),
interviews AS (
    SELECT ward_code,
           count(*) AS interviewed,
           sum(smart_tv + smart_tv_box + smart_projector + smart_audio + tablet + smart_camera
               + ereader + smart_entertainment = 0) AS no_device,
           sum(broadband_fixed + broadband_mobile = 0) AS no_broadband,
           sum(adults_15plus = 0) AS no_adults,
           sum(adults_15plus) AS adults,
           sum(adults_smartphone) AS smartphone
    FROM one WHERE visit_outcome = 'interviewed' GROUP BY ward_code),
others AS (
    SELECT ward_code,
           (SELECT count(*) FROM h WHERE h.ward_code = one.ward_code) AS records,
           sum(visit_outcome = 'vacant') AS vacant,
           sum(visit_outcome = 'absent') AS absent,
           sum(visit_outcome = 'refused') AS refused
    FROM one GROUP BY ward_code)
SELECT w.code AS ward, w.name, reg.households AS registered, o.records, i.interviewed,
       o.vacant, o.absent, o.refused,
       reg.households - o.vacant - i.interviewed - o.absent - o.refused AS not_visited,
       round(1.0 * i.interviewed / (reg.households - o.vacant), 4) AS coverage,
       i.no_device, i.no_broadband, i.no_adults, i.adults, i.smartphone
FROM r AS w
JOIN registered AS reg ON reg.ward_code = w.code
JOIN interviews AS i ON i.ward_code = w.code
JOIN others AS o ON o.ward_code = w.code
WHERE w.level = 'ward'
ORDER BY w.rowid;
