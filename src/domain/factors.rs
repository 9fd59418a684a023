//! Distraction factors: what interruption notes and check-in causes are
//! grouped under, so "Slack", "#slack" and "slack dm" can count as one.
//!
//! Pure: no I/O.

use crate::domain::text::clean;

/// Distraction categories: each name with the words that mean it.
///
/// A note or check-in cause becomes a factor by the first rule that
/// applies:
///
/// 1. its first `#tag` (`"ping from #slack"` → `slack`), itself looked up
///    as an alias below;
/// 2. a category one of whose aliases (or its name) is the whole folded
///    text, or one of its words (`"Slack DM"` → `chat` with
///    `chat = ["slack", "dm"]`);
/// 3. otherwise the folded text itself.
///
/// Folding lowercases, trims, turns runs of spaces into one, and drops
/// trailing punctuation, so `"Email!"`, `"email"` and `" EMAIL "` are one
/// factor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Factors {
    categories: Vec<(String, Vec<String>)>,
}

impl Factors {
    /// Categories in the config's order: a name and its aliases. Names and
    /// aliases are folded here, so the config may spell them any way.
    pub fn new(categories: impl IntoIterator<Item = (String, Vec<String>)>) -> Factors {
        Factors {
            categories: categories
                .into_iter()
                .map(|(name, aliases)| {
                    let name = fold(&name);
                    let mut words: Vec<String> = aliases.iter().map(|a| fold(a)).collect();
                    words.push(name.clone());
                    words.retain(|w| !w.is_empty());
                    (name, words)
                })
                .filter(|(name, _)| !name.is_empty())
                .collect(),
        }
    }

    /// The factor `text` counts under; `None` for blank text.
    pub fn factor_of(&self, text: &str) -> Option<String> {
        // A hand-edited or synced log may bring control characters; a
        // factor is a name people read, so they go before folding.
        let folded = fold(&clean(text));
        if folded.is_empty() {
            return None;
        }
        let tag = folded
            .split(' ')
            .find_map(|w| w.strip_prefix('#'))
            .map(|t| t.trim_end_matches(|c: char| !c.is_alphanumeric()))
            .filter(|t| !t.is_empty());
        if let Some(tag) = tag {
            return Some(self.category_of(tag).unwrap_or_else(|| tag.to_string()));
        }
        Some(self.category_of(&folded).unwrap_or(folded))
    }

    fn category_of(&self, folded: &str) -> Option<String> {
        let words: Vec<&str> = folded
            .split(' ')
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .collect();
        self.categories
            .iter()
            .find(|(_, aliases)| {
                aliases
                    .iter()
                    .any(|a| a == folded || (!a.contains(' ') && words.contains(&a.as_str())))
            })
            .map(|(name, _)| name.clone())
    }
}

/// Lowercase, trimmed, single-spaced, without trailing punctuation.
pub fn fold(text: &str) -> String {
    let lower = text.to_lowercase();
    let spaced: Vec<&str> = lower.split_whitespace().collect();
    spaced
        .join(" ")
        .trim_end_matches(|c: char| c.is_ascii_punctuation() && c != '#')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wording_folds_into_one_factor() {
        let f = Factors::default();
        for t in ["Email!", "email", "  EMAIL  ", "email."] {
            assert_eq!(f.factor_of(t).as_deref(), Some("email"));
        }
        assert_eq!(f.factor_of("phone   call").as_deref(), Some("phone call"));
        assert_eq!(f.factor_of("   "), None);
    }

    #[test]
    fn a_tag_or_an_alias_names_the_category() {
        let f = Factors::new([
            (
                "Chat".to_string(),
                vec!["slack".to_string(), "DM".to_string()],
            ),
            ("people".to_string(), vec!["colleague".to_string()]),
        ]);
        assert_eq!(f.factor_of("ping on #Slack!").as_deref(), Some("chat"));
        assert_eq!(f.factor_of("#hunger").as_deref(), Some("hunger"));
        assert_eq!(f.factor_of("Slack DM from Bo").as_deref(), Some("chat"));
        assert_eq!(f.factor_of("a colleague, again").as_deref(), Some("people"));
        assert_eq!(f.factor_of("chat").as_deref(), Some("chat"));
        // A word that merely contains an alias is not it.
        assert_eq!(f.factor_of("slacking").as_deref(), Some("slacking"));
    }
}
