//! The reader's preferences: language (URL, else the browser's), theme (remembered in local storage,
//! else the system's) and reduced motion (the system's). Each is mirrored on the document root so the
//! style sheet and screen readers follow.

use crate::view::ui::dom;
use crate::view::words::Lang;

/// Local-storage key of the chosen theme.
const THEME_KEY: &str = "sessionscope-theme";

pub struct Preferences {
    pub lang: Lang,
    pub dark: bool,
    pub reduced_motion: bool,
}

impl Preferences {
    /// `lang`: the URL's `lang` parameter, if any.
    pub fn load(lang: Option<&str>) -> Preferences {
        let lang = lang
            .and_then(Lang::from_code)
            .unwrap_or_else(|| Lang::from_locale(&dom::navigator_language()));
        let dark = match dom::stored(THEME_KEY).as_deref() {
            Some("dark") => true,
            Some("light") => false,
            _ => dom::media_matches("(prefers-color-scheme: dark)"),
        };
        let prefs = Preferences {
            lang,
            dark,
            reduced_motion: dom::media_matches("(prefers-reduced-motion: reduce)"),
        };
        dom::set_root_attribute("lang", lang.code());
        dom::set_root_attribute("data-theme", prefs.theme());
        prefs
    }

    fn theme(&self) -> &'static str {
        if self.dark {
            "dark"
        } else {
            "light"
        }
    }

    pub fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
        dom::set_root_attribute("lang", lang.code());
    }

    pub fn toggle_theme(&mut self) {
        self.dark = !self.dark;
        dom::set_root_attribute("data-theme", self.theme());
        dom::store(THEME_KEY, self.theme());
    }
}
