//! Per-frame timing for benchmarks and tests, on `window.__sessionscope`:
//! `frames` is a bounded ring of `[interval_ms, work_ms, in_flight]` (work = model step + render),
//! `mode` is "arrows" or "flows", `inFlight` the messages in flight at the last frame, `tNumbers` /
//! `tWorld` the last cost (ms) of re-reading the read-outs / the picture's nodes from the model,
//! `firstRender` ms from navigation to the first drawn frame, `wasmBytes` the wasm memory size.
//! Kept cheap: a few property writes per frame, the ring never grows past `CAPACITY`.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

const CAPACITY: u32 = 1200;

pub struct Perf {
    root: Object,
    frames: Array,
}

impl Perf {
    pub fn install() -> Perf {
        let root = Object::new();
        let frames = Array::new();
        let _ = Reflect::set(&root, &"frames".into(), &frames);
        let _ = Reflect::set(&root, &"ready".into(), &JsValue::TRUE);
        if let Some(w) = web_sys::window() {
            let _ = Reflect::set(&w, &"__sessionscope".into(), &root);
        }
        Perf { root, frames }
    }

    pub fn record(&self, interval_ms: f64, work_ms: f64, in_flight: usize, flows: bool) {
        let sample = Array::of3(
            &interval_ms.into(),
            &work_ms.into(),
            &(in_flight as f64).into(),
        );
        self.frames.push(&sample);
        if self.frames.length() > CAPACITY {
            self.frames.shift();
        }
        let _ = Reflect::set(&self.root, &"inFlight".into(), &(in_flight as f64).into());
        let _ = Reflect::set(
            &self.root,
            &"mode".into(),
            &(if flows { "flows" } else { "arrows" }).into(),
        );
    }

    /// The wasm linear memory's size (it only grows: a soak test watches it).
    pub fn record_memory(&self) {
        let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
        let bytes = memory
            .buffer()
            .unchecked_into::<js_sys::ArrayBuffer>()
            .byte_length();
        self.set("wasmBytes", (bytes as f64).into());
    }

    /// A plain value tests can read (e.g. the model time in µs, or the number of renders).
    pub fn set(&self, key: &str, value: JsValue) {
        let _ = Reflect::set(&self.root, &key.into(), &value);
    }
}

/// The work of one animation frame, from the model step to the end of Yew's render: started in
/// `begin`, recorded in `drawn` (called from `rendered`).
pub struct FrameTiming {
    pub perf: Perf,
    /// When the current frame's work started and the wall-clock interval since the previous frame.
    started: Option<(f64, f64)>,
}

impl FrameTiming {
    pub fn install() -> FrameTiming {
        FrameTiming {
            perf: Perf::install(),
            started: None,
        }
    }

    pub fn begin(&mut self, started_ms: f64, interval_ms: f64) {
        self.started = Some((started_ms, interval_ms));
    }

    /// `in_flight` is only read when a frame was begun.
    pub fn drawn(&mut self, now_ms: f64, in_flight: impl FnOnce() -> usize, flows: bool) {
        if let Some((started, interval)) = self.started.take() {
            self.perf
                .record(interval, now_ms - started, in_flight(), flows);
        }
    }
}
