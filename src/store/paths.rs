//! Where focus keeps its files, from the platform's conventions
//! (`XDG_CONFIG_HOME`, `XDG_DATA_HOME`, `XDG_STATE_HOME` on Linux).

use std::path::PathBuf;

use directories::ProjectDirs;

/// The locations of every file focus reads or writes.
#[derive(Debug, Clone)]
pub struct Paths {
    /// The config file (`--config` replaces it).
    pub config_file: PathBuf,
    /// Whether `config_file` was named on the command line, so it must exist.
    pub config_explicit: bool,
    /// Where the session log and task list live.
    pub data_dir: PathBuf,
    /// Where the running-session snapshot and lock live.
    pub state_dir: PathBuf,
}

/// The platform gave no home directory to put files in.
#[derive(Debug, thiserror::Error)]
#[error(
    "cannot find a home directory for focus's files; set HOME (or XDG_CONFIG_HOME and XDG_DATA_HOME)"
)]
pub struct NoHome;

impl Paths {
    /// The platform's locations, with `config` overriding the config file.
    pub(crate) fn discover(config: Option<PathBuf>) -> Result<Paths, NoHome> {
        let dirs = ProjectDirs::from("", "", "focus").ok_or(NoHome)?;
        let data_dir = dirs.data_dir().to_path_buf();
        // Only Linux has a state dir; elsewhere the data dir serves.
        let state_dir = dirs
            .state_dir()
            .map_or_else(|| data_dir.clone(), |p| p.to_path_buf());
        Ok(Paths {
            config_explicit: config.is_some(),
            config_file: config.unwrap_or_else(|| dirs.config_dir().join("config.toml")),
            data_dir,
            state_dir,
        })
    }

    /// The append-only session log.
    pub fn log_file(&self) -> PathBuf {
        self.data_dir.join("sessions.jsonl")
    }

    /// The running-session snapshot.
    pub(crate) fn snapshot_file(&self) -> PathBuf {
        self.state_dir.join("state.json")
    }

    /// The single-instance lock.
    pub(crate) fn lock_file(&self) -> PathBuf {
        self.state_dir.join("focus.lock")
    }

    /// The remote-control socket: `focus/focus.sock` in the runtime dir
    /// (`XDG_RUNTIME_DIR`, private to the user and emptied at logout), or
    /// `focus.sock` in the state dir where there is none (unset, empty or
    /// relative, which the XDG spec says to ignore).
    pub(crate) fn socket_file(&self) -> PathBuf {
        match ProjectDirs::from("", "", "focus").and_then(|d| d.runtime_dir().map(PathBuf::from)) {
            Some(dir) => dir.join("focus.sock"),
            None => self.state_dir.join("focus.sock"),
        }
    }

    /// The output of hooks, with a line per run saying what ran and how it
    /// ended.
    pub(crate) fn hook_log(&self) -> PathBuf {
        self.state_dir.join("hooks.log")
    }
}
