//! The part of wasm-streams 0.5's API that server_fn names, with no wasm
//! exports: a JS `ReadableStream` is read through its reader (imports only);
//! a Rust stream cannot become a JS one (that needs exported callbacks), so
//! streaming request bodies throw. See Cargo.toml for why this exists.

use futures_util::stream::{self, Stream};
use std::pin::Pin;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The chunks of a JS stream, or its error.
pub type IntoStream = Pin<Box<dyn Stream<Item = Result<JsValue, JsValue>>>>;

/// A JS `ReadableStream`.
pub struct ReadableStream {
    raw: web_sys::ReadableStream,
}

impl ReadableStream {
    pub fn from_raw(raw: web_sys::ReadableStream) -> Self {
        Self { raw }
    }

    pub fn into_raw(self) -> web_sys::ReadableStream {
        self.raw
    }

    /// Not supported here: throws.
    pub fn from_stream<St>(_stream: St) -> Self
    where
        St: Stream<Item = Result<JsValue, JsValue>> + 'static,
    {
        wasm_bindgen::throw_str("streaming request bodies are not supported in this build")
    }

    /// The stream's chunks, read one at a time.
    pub fn into_stream(self) -> IntoStream {
        let reader: web_sys::ReadableStreamDefaultReader = self.raw.get_reader().unchecked_into();
        Box::pin(stream::unfold(Some(reader), |reader| async move {
            let reader = reader?;
            match JsFuture::from(reader.read()).await {
                Err(e) => Some((Err(e), None)),
                Ok(result) => {
                    let field = |name: &str| js_sys::Reflect::get(&result, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
                    if field("done").as_bool().unwrap_or(true) {
                        None
                    } else {
                        Some((Ok(field("value")), Some(reader)))
                    }
                }
            }
        }))
    }
}
