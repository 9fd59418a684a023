//! Which colour scheme the views use: a setting like any other.

/// Which set of colours the views draw with (`theme` in the config).
///
/// Plain data in the core's settings, so a view stays a pure function of
/// the model and a test can draw any theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Theme {
    /// Colours for dark terminal backgrounds, the common case.
    #[default]
    Default,
    /// Darker colours for light backgrounds: no yellow, white or light
    /// grey text, which all but vanish on white.
    Light,
    /// No colours at all, only bold, dim, reverse and underline: for
    /// `NO_COLOR`, `--color never` and terminals that cannot colour.
    Mono,
}

impl Theme {
    /// Every theme, in the order the config documents them.
    pub const ALL: [Theme; 3] = [Theme::Default, Theme::Light, Theme::Mono];

    /// The theme's name in the config.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Default => "default",
            Theme::Light => "light",
            Theme::Mono => "mono",
        }
    }

    /// Looks a theme up by its config name (exact, lowercase).
    pub fn from_name(name: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.name() == name)
    }
}
