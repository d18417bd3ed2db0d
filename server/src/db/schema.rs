//! The portable schema shared by both backends (docs/architecture.md, "Databases": portable types only).

diesel::table! {
    agencies (id) {
        id -> BigInt,
        slug -> Text,
        name_json -> Text,
        contact_json -> Text,
        time_zone -> Text,
        challenge_window_months -> Integer,
        created_at -> Timestamp,
        deadline_profile_json -> Text,
        retention_months -> Integer,
    }
}

diesel::table! {
    calendar_exceptions (id) {
        id -> BigInt,
        agency_id -> BigInt,
        day -> Date,
        kind -> Text,
        note -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        email -> Text,
        display_name -> Text,
        password_hash -> Text,
        role -> Text,
        agency_id -> Nullable<BigInt>,
        active -> Bool,
        password_changed_at -> Timestamp,
        created_at -> Timestamp,
        language -> Nullable<Text>,
    }
}

diesel::table! {
    ai_systems (id) {
        id -> BigInt,
        slug -> Text,
        agency_id -> BigInt,
        current_version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    ai_system_versions (id) {
        id -> BigInt,
        system_id -> BigInt,
        version -> Integer,
        content_json -> Text,
        content_hash -> Text,
        risk_level -> Text,
        status -> Text,
        search_text -> Text,
        created_at -> Timestamp,
        change_note -> Nullable<Text>,
    }
}

diesel::table! {
    ai_system_drafts (id) {
        id -> BigInt,
        slug -> Text,
        agency_id -> BigInt,
        base_version -> Integer,
        content_json -> Text,
        content_hash -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    decisions (id) {
        id -> BigInt,
        reference -> Text,
        agency_id -> BigInt,
        system_version_id -> BigInt,
        external_id -> Text,
        access_code_hash -> Text,
        outcome -> Text,
        decided_at -> Timestamp,
        content_json -> Text,
        content_hash -> Text,
        subject_email -> Nullable<Text>,
        subject_national_id_hash -> Nullable<Text>,
        subject_language -> Nullable<Text>,
        subject_region -> Nullable<Text>,
        created_at -> Timestamp,
        corrected_outcome_json -> Nullable<Text>,
        purged_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    appeals (id) {
        id -> BigInt,
        reference -> Text,
        decision_id -> BigInt,
        agency_id -> BigInt,
        state -> Text,
        grounds_json -> Text,
        statement -> Text,
        contact_email -> Text,
        language -> Text,
        idempotency_key -> Text,
        assignee_id -> Nullable<BigInt>,
        filed_at -> Timestamp,
        filed_on -> Date,
        acknowledge_by -> Date,
        decide_by -> Date,
        decide_from -> Date,
        extended_to -> Nullable<Date>,
        extension_reason -> Nullable<Text>,
        extensions_used -> Integer,
        acknowledged_on -> Nullable<Date>,
        decided_on -> Nullable<Date>,
        escalate_until -> Nullable<Date>,
        proposal_json -> Nullable<Text>,
        outcome_json -> Nullable<Text>,
        finding -> Nullable<Text>,
        close_reason -> Nullable<Text>,
        receipt -> Text,
        version -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    appeal_entries (id) {
        id -> BigInt,
        appeal_id -> BigInt,
        occurred_at -> Timestamp,
        author -> Text,
        author_user_id -> Nullable<BigInt>,
        kind -> Text,
        visibility -> Text,
        body -> Text,
    }
}

diesel::table! {
    appeal_pauses (id) {
        id -> BigInt,
        appeal_id -> BigInt,
        started_on -> Date,
        ended_on -> Nullable<Date>,
    }
}

diesel::table! {
    appeal_attachments (id) {
        id -> BigInt,
        appeal_id -> BigInt,
        file_name -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        blob_key -> Text,
        added_by -> Text,
        added_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        occurred_at -> Timestamp,
        actor_kind -> Text,
        actor_id -> Nullable<BigInt>,
        actor_role -> Nullable<Text>,
        agency_id -> Nullable<BigInt>,
        action -> Text,
        subject_kind -> Text,
        subject_id -> Text,
        details_json -> Text,
        prev_hash -> Text,
        hash -> Text,
        key_id -> Nullable<Text>,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        created_at -> Timestamp,
        kind -> Text,
        recipient -> Text,
        language -> Text,
        facts_json -> Text,
        appeal_reference -> Nullable<Text>,
        dedup_key -> Nullable<Text>,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        claimed_by -> Nullable<Text>,
        lease_until -> Nullable<Timestamp>,
        sent_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
    }
}

diesel::table! {
    email_links (id) {
        id -> BigInt,
        token_hash -> Text,
        purpose -> Text,
        email -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    confirmed_emails (email) {
        email -> Text,
        confirmed_at -> Timestamp,
    }
}

diesel::table! {
    revoked_sessions (session_id) {
        session_id -> Text,
        revoked_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    staff_two_factor (user_id) {
        user_id -> BigInt,
        secret_sealed -> Text,
        recovery_sealed -> Nullable<Text>,
        confirmed_at -> Nullable<Timestamp>,
        last_step -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    staff_recovery_codes (id) {
        id -> BigInt,
        user_id -> BigInt,
        code_hash -> Text,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    rate_limit_events (id) {
        id -> BigInt,
        bucket -> Text,
        subject -> Text,
        occurred_at -> Timestamp,
    }
}

diesel::table! {
    api_clients (id) {
        id -> BigInt,
        client_id -> Text,
        secret_hash -> Text,
        agency_id -> BigInt,
        scopes -> Text,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    register_flags (id) {
        id -> BigInt,
        system_id -> BigInt,
        version -> Integer,
        message -> Text,
        contact_email -> Nullable<Text>,
        created_at -> Timestamp,
        status -> Text,
        reply -> Nullable<Text>,
        status_changed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    decision_quality_warnings (id) {
        id -> BigInt,
        decision_id -> BigInt,
        system_id -> BigInt,
        code -> Text,
        field -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    stored_flashes (id) {
        id -> Text,
        payload -> Text,
        expires_at -> Timestamp,
    }
}

diesel::joinable!(register_flags -> ai_systems (system_id));
diesel::joinable!(users -> agencies (agency_id));
diesel::joinable!(staff_two_factor -> users (user_id));
diesel::joinable!(staff_recovery_codes -> users (user_id));
diesel::joinable!(api_clients -> agencies (agency_id));
diesel::joinable!(ai_systems -> agencies (agency_id));
diesel::joinable!(ai_system_drafts -> agencies (agency_id));
diesel::joinable!(ai_system_versions -> ai_systems (system_id));
diesel::joinable!(decisions -> agencies (agency_id));
diesel::joinable!(decisions -> ai_system_versions (system_version_id));
diesel::joinable!(calendar_exceptions -> agencies (agency_id));
diesel::joinable!(appeals -> decisions (decision_id));
diesel::joinable!(decision_quality_warnings -> decisions (decision_id));
diesel::joinable!(decision_quality_warnings -> ai_systems (system_id));
diesel::joinable!(appeals -> agencies (agency_id));
diesel::joinable!(systemic_reviews -> ai_systems (system_id));
diesel::joinable!(systemic_reviews -> users (opened_by));
diesel::joinable!(appeal_entries -> appeals (appeal_id));
diesel::joinable!(appeal_pauses -> appeals (appeal_id));
diesel::joinable!(appeal_attachments -> appeals (appeal_id));

diesel::allow_tables_to_appear_in_same_query!(
    agencies,
    decision_quality_warnings,
    calendar_exceptions,
    users,
    ai_systems,
    ai_system_versions,
    ai_system_drafts,
    decisions,
    appeals,
    appeal_entries,
    appeal_pauses,
    appeal_attachments,
    audit_log,
    outbox,
    email_links,
    confirmed_emails,
    revoked_sessions,
    staff_two_factor,
    staff_recovery_codes,
    rate_limit_events,
    api_clients,
    register_flags,
    stored_flashes,
    decision_tallies,
    appeal_figures,
    appeal_figure_tags,
    appeal_tallies,
    appeal_day_tallies,
    appeal_tag_tallies,
    audit_checkpoints,
    systemic_reviews,
);

diesel::table! {
    decision_tallies (system_version_id, month, outcome, region, language) {
        system_version_id -> BigInt,
        month -> Date,
        outcome -> Text,
        region -> Text,
        language -> Text,
        agency_id -> BigInt,
        system_id -> BigInt,
        decisions -> BigInt,
    }
}

diesel::table! {
    appeal_figures (appeal_id) {
        appeal_id -> BigInt,
        agency_id -> BigInt,
        system_id -> BigInt,
        system_version_id -> BigInt,
        filed_month -> Date,
        region -> Text,
        language -> Text,
        result -> Text,
        answered_on -> Nullable<Date>,
        working_days -> Nullable<Integer>,
        decide_due -> Nullable<Date>,
        escalated -> Bool,
        finding -> Nullable<Text>,
    }
}

diesel::table! {
    appeal_figure_tags (appeal_id, kind, value) {
        appeal_id -> BigInt,
        kind -> Text,
        value -> Text,
        filed_month -> Date,
        agency_id -> BigInt,
        system_id -> BigInt,
    }
}

diesel::table! {
    systemic_reviews (id) {
        id -> BigInt,
        system_id -> BigInt,
        agency_id -> BigInt,
        note -> Text,
        opened_by -> BigInt,
        opened_at -> Timestamp,
    }
}

diesel::table! {
    appeal_tallies (system_version_id, filed_month, region, language) {
        system_version_id -> BigInt,
        filed_month -> Date,
        region -> Text,
        language -> Text,
        agency_id -> BigInt,
        system_id -> BigInt,
        appeals -> BigInt,
        upheld -> BigInt,
        overturned -> BigInt,
        partially_overturned -> BigInt,
        withdrawn -> BigInt,
        pending -> BigInt,
        answered -> BigInt,
        answered_late -> BigInt,
        escalations -> BigInt,
        finding_stands -> BigInt,
        finding_reconsider -> BigInt,
    }
}

diesel::table! {
    appeal_day_tallies (system_version_id, filed_month, working_days) {
        system_version_id -> BigInt,
        filed_month -> Date,
        working_days -> Integer,
        agency_id -> BigInt,
        system_id -> BigInt,
        answered -> BigInt,
    }
}

diesel::table! {
    appeal_tag_tallies (system_id, filed_month, kind, value) {
        system_id -> BigInt,
        filed_month -> Date,
        kind -> Text,
        value -> Text,
        agency_id -> BigInt,
        appeals -> BigInt,
    }
}

diesel::table! {
    audit_checkpoints (id) {
        id -> BigInt,
        last_entry_id -> BigInt,
        last_hash -> Text,
        entries -> BigInt,
        made_at -> Timestamp,
        key_id -> Text,
        signature -> Text,
    }
}

diesel::table! {
    key_ring (purpose, version) {
        purpose -> Text,
        version -> BigInt,
        added_at -> Timestamp,
        verifies_until -> Nullable<Timestamp>,
    }
}

diesel::table! {
    blob_deletions (blob_key) {
        blob_key -> Text,
        queued_at -> Timestamp,
    }
}
