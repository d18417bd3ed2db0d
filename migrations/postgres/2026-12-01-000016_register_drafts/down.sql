ALTER TABLE register_flags DROP COLUMN status_changed_at;
ALTER TABLE register_flags DROP COLUMN reply;
ALTER TABLE register_flags DROP COLUMN status;
ALTER TABLE ai_system_versions DROP COLUMN change_note;
DROP TABLE ai_system_drafts;
