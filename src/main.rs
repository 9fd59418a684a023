//! The `focus` binary: everything lives in the library.

fn main() -> std::process::ExitCode {
    focus::cli::run(std::env::args_os())
}
