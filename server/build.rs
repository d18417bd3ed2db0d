//! Rebuilds the server when a migration changes, since they are embedded in the binary.
fn main() {
    println!("cargo:rerun-if-changed=../migrations/sqlite");
    println!("cargo:rerun-if-changed=../migrations/postgres");
    println!("cargo:rerun-if-changed=../style/redress.css");
}
