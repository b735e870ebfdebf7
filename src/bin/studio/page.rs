//! The studio page: the sections laid out, the state they share made and
//! the pack opened (the one opened last in this browser, or the built-in
//! pack, fetched from beside studio.html).

use leptos::prelude::*;

use crate::drafts;
use crate::sections::{check, compare, editor, files, head, notice, open, preview, publish, test_run};
use crate::state::Studio;

pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("studio: {info}").into());
        if let Some(fatal) = document().get_element_by_id("fatal") {
            fatal.set_text_content(Some(&format!(
                "工作室出错，请刷新页面；草稿保存在本浏览器中。The studio failed; reload the page: your drafts are kept in this browser. ({info})"
            )));
            let _ = fatal.remove_attribute("hidden");
        }
    }));
    if let Some(app) = document().get_element_by_id("app") {
        app.set_inner_html("");
        let app: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(app);
        leptos::mount::mount_to(app, page).forget();
    }
}

fn page() -> impl IntoView {
    let s = Studio::new();
    match drafts::opened_origin() {
        Some(origin) => s.open(origin),
        None => open::open_builtin(s, move |origin| s.open(origin)),
    }
    s.hear_other_tabs();
    Effect::new(move |_| {
        let w = s.words();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", w.lang);
        }
        document().set_title(w.title);
    });
    view! {
        {head::head(s)}
        {open::opening(s)}
        {notice::drafts_notice(s)}
        <div class="studio">
            {files::file_list(s)}
            {editor::editor(s)}
        </div>
        {check::check_results(s)}
        {test_run::test_cases(s)}
        {preview::preview(s)}
        {compare::comparison(s)}
        {publish::publish(s)}
    }
}
