fn main() {
    // Our own commands get permissions of their own, so capabilities can name each one.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "app_info",
        "ui_ready",
        "session_state",
        "sign_in",
        "cancel_sign_in",
        "sign_out",
        "get_settings",
        "save_settings",
        "timezones",
        "sync_now",
        "week",
        "office_hours_month",
        "meeting",
        "refresh_meeting",
        "create_meeting",
        "update_meeting",
        "update_occurrence",
        "delete_meeting",
        "start_meeting",
        "open_join_url",
        "copy_invitation",
        "copy_text",
        "preview_meeting",
        "export_ics",
        "recordings",
        "recording",
        "play_recording",
        "save_play_position",
        "download_recording",
        "cancel_download",
        "show_in_folder",
        "open_recording_in_browser",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build failed");
}
