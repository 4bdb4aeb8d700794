//! The picture's text size: fitted to the picture's drawn scale (so every word is readable from the
//! back of a room) and to the reader's font scale, which is remembered.

use crate::view::actions::Action;
use crate::view::scene::Scene;
use crate::view::ui::dom;
use crate::view::words::Lang;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, ResizeObserver};
use yew::prelude::*;

/// The font-scale button under the picture: shows the current scale; `f` does the same.
pub fn font_scale_button(act: &Callback<Action>, percent: u32, lang: Lang) -> Html {
    let t = lang.strings();
    let onclick = {
        let act = act.clone();
        Callback::from(move |_: MouseEvent| act.emit(Action::FontScale))
    };
    let title = format!("{} {percent}% (f)", t.font_scale);
    // The visible text is the accessible name; the word for screen readers, the shortcut in the title.
    html! {
        <button type="button" class="font-scale" data-testid="font-scale" data-value={percent.to_string()}
                {title} {onclick}>
            <span class="visually-hidden">{ t.font_scale }{ " " }</span>
            { format!("A {percent}%") }
        </button>
    }
}

/// Local-storage key of the reader's font scale.
const FONT_SCALE_KEY: &str = "sessionscope-font-scale";

/// The remembered font scale, if any.
pub fn load_font_scale(scene: &mut Scene) {
    if let Some(percent) = dom::stored(FONT_SCALE_KEY).and_then(|v| v.parse().ok()) {
        scene.set_font_scale(percent);
    }
}

/// Watches the picture's drawn size, so its text is fitted when that size or the layout changes and
/// only then: measuring forces a layout, which a frame that only moves arrows should not pay for. The
/// picture can change size with no window resize and no frame to follow (a panel or the tour's caption
/// laid out after the first frame while paused), which a `ResizeObserver` sees.
pub struct TextFit {
    picture: NodeRef,
    observer: Option<ResizeObserver>,
    observed: Option<Element>,
    _on_resize: Closure<dyn FnMut()>,
    /// The layout size (user units) the text was last fitted to.
    fitted_layout: (f64, f64),
}

impl TextFit {
    /// `refit` is called when the picture's size changed.
    pub fn new(refit: Callback<()>) -> TextFit {
        let on_resize = Closure::<dyn FnMut()>::new(move || refit.emit(()));
        TextFit {
            picture: NodeRef::default(),
            observer: ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok(),
            observed: None,
            _on_resize: on_resize,
            fitted_layout: (0.0, 0.0),
        }
    }

    /// The reference the picture's `<svg>` carries.
    pub fn picture(&self) -> NodeRef {
        self.picture.clone()
    }

    /// After each render: watches the picture drawn now, and fits the text when the layout's size
    /// changed since the last fit. True when the text size changed (the page then draws again).
    pub fn after_render(&mut self, scene: &mut Scene) -> bool {
        let drawn = self.picture.cast::<Element>();
        if drawn != self.observed {
            if let Some(observer) = &self.observer {
                if let Some(old) = &self.observed {
                    observer.unobserve(old);
                }
                if let Some(new) = &drawn {
                    // Reports the current size at once, then every change.
                    observer.observe(new);
                }
            }
            self.observed = drawn;
        }
        let layout = (scene.layout.width, scene.layout.height);
        layout != self.fitted_layout && self.fit(scene)
    }

    /// Fits the picture's text to its drawn size now; true when it changed.
    pub fn fit(&mut self, scene: &mut Scene) -> bool {
        let window = dom::window()
            .inner_width()
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0);
        let l = &scene.layout;
        self.fitted_layout = (l.width, l.height);
        let scale = self.picture.cast::<Element>().map_or(0.0, |svg| {
            // preserveAspectRatio "meet": the smaller of the two scales.
            (f64::from(svg.client_width()) / l.width).min(f64::from(svg.client_height()) / l.height)
        });
        scene.fit_text(scale, window)
    }

    /// The next font scale, remembered, and the text fitted to it.
    pub fn next_font_scale(&mut self, scene: &mut Scene) {
        let percent = scene.next_font_scale();
        dom::store(FONT_SCALE_KEY, &percent.to_string());
        scene.text = 0.0;
        self.fit(scene);
    }
}
