fn main() {
    // Our own commands get permissions of their own, so capabilities can name each one.
    let manifest = tauri_build::AppManifest::new().commands(&["app_info", "ui_ready"]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build failed");
}
