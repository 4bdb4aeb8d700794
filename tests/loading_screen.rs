//! The loading screen in index.html is static text, written before the app chooses a language: its title
//! and taglines must stay the ones the app draws in their place, in both languages.

use sessionscope::view::words::Lang;

const INDEX_HTML: &str = include_str!("../index.html");

/// The element with this `id` in index.html, from its opening tag to its closing `</main>`.
fn loading_screen() -> &'static str {
    let start = INDEX_HTML
        .find(r#"id="loading-screen""#)
        .expect("index.html has the loading screen");
    let end = start
        + INDEX_HTML[start..]
            .find("</main>")
            .expect("the loading screen is a <main>");
    &INDEX_HTML[start..end]
}

#[test]
fn the_loading_screen_shows_the_apps_title_and_taglines_in_both_languages() {
    let screen = loading_screen();
    for lang in Lang::ALL {
        let words = lang.strings();
        assert!(
            screen.contains(&format!("<h1>{}</h1>", words.app_title)),
            "{lang:?} title"
        );
        assert!(
            screen.contains(&format!(">{}</p>", words.tagline)),
            "{lang:?} tagline missing from the loading screen: {}",
            words.tagline
        );
    }
}
