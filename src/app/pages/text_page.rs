//! A page drawn as HTML text: one element with its class, listeners that
//! read what was clicked or entered from the markup (`data-action`, an
//! input's name), and its text drawn again whenever what it reads changes.
//! Every such page shares this one view type and these boxed listeners, so
//! the code that builds and redraws them is in the wasm once, not once per
//! page.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What a click does, read from the clicked element's `data-action`.
pub type OnClick = Box<dyn Fn(leptos::ev::MouseEvent)>;
/// What the page's form events do (`change`, `input` and `submit`, told
/// apart by the event's type); a page without inputs passes `None`.
pub type OnForm = Option<std::rc::Rc<dyn Fn(web_sys::Event)>>;
/// The page's markup; reading signals here redraws it when they change.
pub type Markup = Box<dyn Fn() -> String + Send + Sync>;

pub fn text_page(class: &'static str, click: OnClick, form: OnForm, markup: Markup) -> impl IntoView {
    let on = move |ev: web_sys::Event| {
        if let Some(f) = &form {
            f(ev)
        }
    };
    let (change, input) = (on.clone(), on.clone());
    view! {
        <div class=class on:click=click on:change=change on:input=input on:submit=move |ev: web_sys::SubmitEvent| on(ev.unchecked_into()) inner_html=markup></div>
    }
}
