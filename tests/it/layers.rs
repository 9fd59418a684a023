//! The layer rule, checked on the source: every folder of `src/` is a
//! layer, and a layer imports only from the layers below it. The two pure
//! layers, `domain` and `engine`, also stay away from the terminal, the
//! command line, the async runtime, the file system, the environment and
//! the clock. `docs/ARCHITECTURE.md` explains why.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The layers from the ground up. Layers on one rank may not import each
/// other: `store` and `config` are siblings.
const LAYERS: &[(&str, u8)] = &[
    ("domain", 0),
    ("engine", 1),
    ("store", 2),
    ("config", 2),
    ("integrations", 3),
    ("app", 4),
    ("tui", 5),
    ("cli", 6),
];

/// What the pure layers must not name: crates for the terminal, the
/// command line and the async runtime, and the standard library's doors to
/// the outside world.
const IMPURE: &[&str] = &[
    "clap::",
    "tokio::",
    "ratatui::",
    "crossterm::",
    "std::fs",
    "std::env",
    "std::process",
    "std::net",
    "std::os::",
    "rustix::",
    "notify_rust::",
    "directories::",
    "Local::now",
    "Utc::now",
    "SystemTime::now",
    "Instant::now",
];

fn rank(layer: &str) -> Option<u8> {
    LAYERS.iter().find(|(l, _)| *l == layer).map(|(_, r)| *r)
}

/// The code of a file without its comments, so a doc comment that links to
/// a higher layer (or mentions clap) is not an import.
fn code_of(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            // A `//` inside a string literal ("https://…") is rare in
            // imports; cutting there can only hide a name, never invent one.
            Some(i) => &line[..i],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The layers a piece of code names through `crate::<layer>`.
fn crate_layers(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            found.insert(name);
        }
        rest = after;
    }
    // `use crate::{a::x, b::y}` names several at once.
    let mut rest = code;
    while let Some(i) = rest.find("crate::{") {
        let after = &rest[i + "crate::{".len()..];
        let end = after.find('}').unwrap_or(after.len());
        for part in after[..end].split(',') {
            let name: String = part
                .trim()
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.insert(name);
            }
        }
        rest = after;
    }
    found
}

/// Every broken rule in one file of `layer`, as readable lines.
fn violations(layer: &str, file: &str, text: &str) -> Vec<String> {
    let Some(own) = rank(layer) else {
        return vec![format!("{file}: `{layer}` is not a known layer")];
    };
    let code = code_of(text);
    let mut found = Vec::new();
    for other in crate_layers(&code) {
        if other == layer {
            continue;
        }
        match rank(&other) {
            Some(r) if r < own => {}
            Some(_) => found.push(format!(
                "{file}: layer `{layer}` imports `crate::{other}`, which is not below it"
            )),
            None => found.push(format!(
                "{file}: imports `crate::{other}`, which is in no layer"
            )),
        }
    }
    if own <= 1 {
        for word in IMPURE {
            if code.contains(word) {
                found.push(format!("{file}: the pure layer `{layer}` uses `{word}`"));
            }
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("read src") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_layer_imports_only_from_the_layers_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut problems = Vec::new();
    let mut seen_layers = BTreeSet::new();
    for path in &files {
        let rel = path.strip_prefix(&src).expect("under src");
        let mut parts = rel.components();
        let first = parts
            .next()
            .expect("a path")
            .as_os_str()
            .to_string_lossy()
            .into_owned();
        let text = fs::read_to_string(path).expect("read a source file");
        if parts.next().is_none() {
            // Files directly in src/: the crate root and the binary.
            assert!(
                ["lib.rs", "main.rs"].contains(&first.as_str()),
                "{} stands outside every layer: put it in one of {:?}",
                rel.display(),
                LAYERS.iter().map(|(l, _)| *l).collect::<Vec<_>>()
            );
            continue;
        }
        seen_layers.insert(first.clone());
        problems.extend(violations(&first, &rel.display().to_string(), &text));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(
        seen_layers.len(),
        LAYERS.len(),
        "every layer has its folder: {seen_layers:?}"
    );
}

#[test]
fn main_stays_a_few_lines() {
    let main = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/main.rs"))
        .expect("read main.rs");
    let code = code_of(&main);
    let lines = code.lines().filter(|l| !l.trim().is_empty()).count();
    assert!(lines <= 5, "main.rs has {lines} lines of code:\n{main}");
}

#[test]
fn the_checker_sees_what_it_must() {
    // Upward imports, in both spellings, are caught.
    assert_eq!(
        violations("engine", "e.rs", "use crate::app::status::Status;\n").len(),
        1
    );
    assert_eq!(
        violations("domain", "d.rs", "use crate::{engine::Model, tui::view};\n").len(),
        2
    );
    // Siblings may not lean on each other.
    assert_eq!(
        violations("store", "s.rs", "use crate::config::Config;\n").len(),
        1
    );
    // Downward imports and comments are fine.
    assert!(violations("tui", "t.rs", "use crate::engine::Model;\n// crate::cli\n").is_empty());
    // The pure layers keep away from the world.
    for bad in [
        "use std::fs::File;",
        "let t = chrono::Local::now();",
        "use clap::Parser;",
        "let v = std::env::var(\"X\");",
        "use tokio::sync::mpsc;",
    ] {
        assert_eq!(violations("domain", "d.rs", bad).len(), 1, "{bad}");
    }
    assert!(violations("domain", "d.rs", "/// the same clap uses\n").is_empty());
    assert!(violations("store", "s.rs", "use std::fs::File;").is_empty());
}

/// `model.<field> = …` (or `+=`, `.push(`, `.extend(`) written outside the
/// engine: the model is built by its constructor and changed by `update`.
fn patches_of_the_model(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in code.lines() {
        let mut rest = line;
        while let Some(i) = rest.find("model.") {
            let after = &rest[i + "model.".len()..];
            let path: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
                .collect();
            let next = &after[path.len()..];
            let tail = next.trim_start();
            let assigns = (tail.starts_with('=') && !tail.starts_with("=="))
                || tail.starts_with("+=")
                || tail.starts_with("-=");
            // `path` swallows the dot before a method name: look at its end.
            let grows = ["push", "extend", "insert", "clear", "retain", "truncate"]
                .iter()
                .any(|m| path.ends_with(&format!(".{m}")) && next.starts_with('('));
            if assigns || grows {
                found.push(line.trim().to_string());
            }
            rest = after;
        }
    }
    found
}

#[test]
fn nothing_outside_the_engine_patches_the_model() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("tests"), &mut files);
    let engine = root.join("src/engine");
    let mut problems = Vec::new();
    for path in files.iter().filter(|p| !p.starts_with(&engine)) {
        if path.ends_with("layers.rs") {
            continue;
        }
        let code = code_of(&fs::read_to_string(path).expect("read a source file"));
        for line in patches_of_the_model(&code) {
            problems.push(format!("{}: {line}", path.display()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_patch_checker_sees_what_it_must() {
    assert_eq!(
        patches_of_the_model("sim.model.day_shape.busy = vec![];").len(),
        1
    );
    assert_eq!(patches_of_the_model("model.history.extend(x);").len(), 1);
    assert_eq!(patches_of_the_model("self.model.notice += 1;").len(), 1);
    assert!(patches_of_the_model("if sim.model.screen == Screen::Plan {}").is_empty());
    assert!(patches_of_the_model("let e = self.model.update(msg, now);").is_empty());
    assert!(patches_of_the_model("let n = model.history.len();").is_empty());
}

/// Every file of the test binary is one of its modules: a file in
/// `tests/it/` that `main.rs` does not name is never compiled, and its tests
/// would silently not run.
#[test]
fn every_test_file_is_compiled() {
    let it = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it");
    let main = fs::read_to_string(it.join("main.rs")).expect("read main.rs");
    let declared: BTreeSet<String> = code_of(&main)
        .lines()
        .filter_map(|l| l.trim().strip_prefix("mod "))
        .map(|rest| rest.trim_end_matches(';').trim().to_string())
        .collect();
    let mut missing = Vec::new();
    for entry in fs::read_dir(&it).expect("read tests/it") {
        let path = entry.expect("dir entry").path();
        let Some(stem) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
            continue;
        };
        let module = if path.is_dir() {
            // A folder is a module's submodules (e2e/, common/) or the
            // snapshots.
            if stem == "snapshots" {
                continue;
            }
            stem
        } else if path.extension().is_some_and(|e| e == "rs") && stem != "main" {
            stem
        } else {
            continue;
        };
        if !declared.contains(&module) {
            missing.push(module);
        }
    }
    assert!(
        missing.is_empty(),
        "not declared in tests/it/main.rs: {missing:?}"
    );
}
