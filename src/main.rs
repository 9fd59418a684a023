//! The `focus` binary: everything lives in the library.

fn main() -> std::process::ExitCode {
    focus::run::run(std::env::args_os())
}
