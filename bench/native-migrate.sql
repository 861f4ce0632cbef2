-- The native reference for migrate 1→4: the same JSON rewrites as steps 2–4, expressed with
-- SQLite's JSON functions, in one transaction, plus the markers the steps write. It is NOT a
-- replacement for the steps (no Go-compatible re-serialisation, no before-images, no report);
-- it is the floor of what "rewrite these JSON columns" costs in native SQLite.
BEGIN;
-- Step 2 (A): tlsSettings.verifyPeerCertInNames → verifyPeerCertByName (comma-joined).
UPDATE inbounds SET stream_settings = json_remove(
    json_set(stream_settings, '$.tlsSettings.verifyPeerCertByName',
      (SELECT group_concat(value, ',') FROM json_each(inbounds.stream_settings, '$.tlsSettings.verifyPeerCertInNames'))),
    '$.tlsSettings.verifyPeerCertInNames')
  WHERE json_valid(stream_settings) AND json_type(stream_settings, '$.tlsSettings.verifyPeerCertInNames') IS NOT NULL;
-- Step 2 (B): tlsSettings.allowInsecure removed.
UPDATE inbounds SET stream_settings = json_remove(stream_settings, '$.tlsSettings.allowInsecure')
  WHERE json_valid(stream_settings) AND json_type(stream_settings, '$.tlsSettings.allowInsecure') IS NOT NULL;
-- Step 2 (C): '~' → ',' in the pinned certificate list.
UPDATE inbounds SET stream_settings = json_set(stream_settings, '$.tlsSettings.settings.pinnedPeerCertSha256',
    replace(json_extract(stream_settings, '$.tlsSettings.settings.pinnedPeerCertSha256'), '~', ','))
  WHERE json_valid(stream_settings)
    AND instr(json_extract(stream_settings, '$.tlsSettings.settings.pinnedPeerCertSha256'), '~') > 0;
-- Step 3: Vision flow on every client without one, on VLESS + XHTTP + TLS/REALITY.
UPDATE inbounds SET settings = json_set(settings, '$.clients', (
    SELECT json_group_array(CASE
      WHEN json_type(value) = 'object' AND coalesce(json_extract(value, '$.flow'), '') = ''
        THEN json_set(value, '$.flow', 'xtls-rprx-vision')
      ELSE json(value) END)
    FROM json_each(inbounds.settings, '$.clients')))
  WHERE protocol = 'vless' AND json_valid(settings) AND json_valid(stream_settings)
    AND json_extract(stream_settings, '$.network') = 'xhttp'
    AND json_extract(stream_settings, '$.security') IN ('tls', 'reality')
    AND json_type(settings, '$.clients') = 'array'
    AND EXISTS (SELECT 1 FROM json_each(inbounds.settings, '$.clients')
      WHERE json_type(value) = 'object' AND coalesce(json_extract(value, '$.flow'), '') = '');
-- Step 4: ":443" after a REALITY target that is a bare host name.
UPDATE inbounds SET stream_settings = json_set(stream_settings, '$.realitySettings.target',
    json_extract(stream_settings, '$.realitySettings.target') || ':443')
  WHERE json_valid(stream_settings)
    AND json_type(stream_settings, '$.realitySettings.target') = 'text'
    AND json_extract(stream_settings, '$.realitySettings.target') GLOB '*[A-Za-z]*'
    AND NOT json_extract(stream_settings, '$.realitySettings.target') GLOB '*[^A-Za-z0-9.-]*';
-- Markers, as the steps write them.
INSERT INTO history_of_seeders (seeder_name)
  SELECT name FROM (SELECT 'TlsConfigMigration' AS name UNION ALL SELECT 'XhttpFlowMigration'
    UNION ALL SELECT 'RealityTargetMigration')
  WHERE name NOT IN (SELECT seeder_name FROM history_of_seeders);
CREATE TABLE IF NOT EXISTS schema_migrations (version uint64,dirty bool);
CREATE UNIQUE INDEX IF NOT EXISTS version_unique ON schema_migrations (version);
DELETE FROM schema_migrations;
INSERT INTO schema_migrations (version, dirty) VALUES (4, 0);
COMMIT;
