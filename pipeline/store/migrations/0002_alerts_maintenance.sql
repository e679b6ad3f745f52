-- Alerts on spikes in cons, and the maintenance runs (deleted-content sync, retention).
-- depends: 0001_initial

-- runs also records alert detection and maintenance.
ALTER TABLE reviews.runs DROP CONSTRAINT runs_kind_check;
ALTER TABLE reviews.runs ADD CONSTRAINT runs_kind_check
    CHECK (kind IN ('ingest', 'extract', 'alerts', 'maintenance'));

-- An alert points at its evidence (opinion ids), never copies the text: a post deleted
-- upstream takes its quotes out of the alert with it.
ALTER TABLE reviews.alerts
    ADD COLUMN baseline_periods  integer NOT NULL DEFAULT 1,
    ADD COLUMN evidence          bigint[] NOT NULL DEFAULT '{}',
    ADD COLUMN notify_attempts   integer NOT NULL DEFAULT 0,
    ADD COLUMN notify_error      text;
COMMENT ON COLUMN reviews.alerts.cons IS 'Posts with a con about the aspect posted in the period.';
COMMENT ON COLUMN reviews.alerts.baseline IS 'Mean cons per period over the trailing baseline periods.';

-- Maintenance looks posts up by source and age.
CREATE INDEX posts_source_created_at_idx ON reviews.posts (source, created_at);

CREATE VIEW reviews.alert_history AS
SELECT a.id AS alert_id,
       a.product,
       a.aspect,
       a.period_start,
       a.period_end,
       a.cons,
       a.baseline,
       round((a.cons / greatest(a.baseline, 1.0))::numeric, 2) AS ratio,
       a.created_at,
       a.notified_at,
       ARRAY(SELECT e.sentence || coalesce(' <' || e.url || '>', '')
             FROM reviews.opinion_evidence e
             WHERE e.opinion_id = ANY (a.evidence)
             ORDER BY array_position(a.evidence, e.opinion_id)) AS evidence
FROM reviews.alerts a;

COMMENT ON VIEW reviews.alert_history IS
    'One row per alert raised: an aspect whose cons rose sharply in a period against its trailing baseline.';
COMMENT ON COLUMN reviews.alert_history.alert_id IS 'Stable id of the alert.';
COMMENT ON COLUMN reviews.alert_history.product IS 'Product slug.';
COMMENT ON COLUMN reviews.alert_history.aspect IS 'Normalised aspect key.';
COMMENT ON COLUMN reviews.alert_history.period_start IS 'Start of the period whose cons spiked (UTC).';
COMMENT ON COLUMN reviews.alert_history.period_end IS 'End of that period.';
COMMENT ON COLUMN reviews.alert_history.cons IS 'Posts with a con about the aspect in the period.';
COMMENT ON COLUMN reviews.alert_history.baseline IS 'Mean such posts per period over the baseline before it.';
COMMENT ON COLUMN reviews.alert_history.ratio IS 'cons / max(baseline, 1): how many times the usual level.';
COMMENT ON COLUMN reviews.alert_history.created_at IS 'When the alert was raised.';
COMMENT ON COLUMN reviews.alert_history.notified_at IS 'When the webhook accepted it; empty when none is configured or it failed.';
COMMENT ON COLUMN reviews.alert_history.evidence IS 'Up to three quoted sentences with links, strongest first.';

GRANT SELECT ON reviews.alert_history TO reviews_reader;
