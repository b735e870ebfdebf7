//! The studio's words, in Simplified Chinese and English, and the sentences
//! that carry a number.

use policy_explainer::engine::Lang;

use crate::checks::{Check, TestRun};

/// One of the page's sentences, picked from the words of the language showing.
pub type Say = fn(&Words) -> &'static str;

/// The page's words in one language.
pub struct Words {
    pub lang: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub other_lang: &'static str,
    pub other_lang_code: &'static str,
    pub guide: &'static str,
    pub guide_note: &'static str,
    pub open: &'static str,
    pub opened: &'static str,
    pub builtin: &'static str,
    pub open_builtin: &'static str,
    pub open_folder: &'static str,
    pub open_file: &'static str,
    pub drop_here: &'static str,
    pub open_replaces_drafts: &'static str,
    pub origin_not_kept: &'static str,
    pub files: &'static str,
    pub editing: &'static str,
    pub keys: &'static str,
    pub go_to_line: &'static str,
    pub go: &'static str,
    pub close: &'static str,
    pub results: &'static str,
    pub sources_none: &'static str,
    pub choose_sources: &'static str,
    pub checking: &'static str,
    pub not_stored: &'static str,
    pub edited: &'static str,
    pub new_file_mark: &'static str,
    pub new_file: &'static str,
    pub remove_file: &'static str,
    pub new_file_path: &'static str,
    pub new_file_note: &'static str,
    pub new_file_bad: &'static str,
    pub new_file_exists: &'static str,
    pub create: &'static str,
    pub removed: &'static str,
    pub drafts: &'static str,
    pub drafts_detail: &'static str,
    pub outdated: &'static str,
    pub discard: &'static str,
    pub discard_question: &'static str,
    pub discard_yes: &'static str,
    pub discard_no: &'static str,
    pub discarded: &'static str,
    pub saved: &'static str,
    pub elsewhere: &'static str,
    pub take_theirs: &'static str,
    pub keep_mine: &'static str,
    pub held: &'static str,
    pub loading: &'static str,
    pub tests: &'static str,
    pub run_tests: &'static str,
    pub stale: &'static str,
    pub preview: &'static str,
    pub preview_intro: &'static str,
    pub show_preview: &'static str,
    pub hide_preview: &'static str,
    pub preview_lang: &'static str,
    pub preview_title: &'static str,
    pub preview_this_policy: &'static str,
    pub preview_start: &'static str,
    pub preview_stale: &'static str,
    pub preview_case: &'static str,
    pub preview_no_case: &'static str,
    pub preview_none: &'static str,
    pub compare: &'static str,
    pub compare_intro: &'static str,
    pub compare_run: &'static str,
    pub publish: &'static str,
    pub current_release: (&'static str, &'static str),
    pub same_release: &'static str,
    pub release: &'static str,
    pub new_version: &'static str,
    pub new_date: &'static str,
    pub release_yes: &'static str,
    pub release_no: &'static str,
    pub released: &'static str,
    pub release_bad_date: &'static str,
    pub release_no_manifest: &'static str,
    pub download_zip: &'static str,
    pub download_bundle: &'static str,
    pub downloaded: &'static str,
    pub cannot_publish: &'static str,
    pub tests_not_run: &'static str,
    pub bundle_howto: &'static str,
}

pub const ZH: Words = Words {
    lang: "zh-Hans",
    title: "政策包工作室",
    intro: "编辑政策包的文件，输入时自动检查整个政策包，提示与 policy check 命令完全相同；运行测试、预览问卷、与打开时的版本比较，然后下载发布。",
    other_lang: "English",
    other_lang_code: "en",
    guide: "编写指南",
    guide_note: "摘自 policies/README.md（英文，关键术语附中文）。",
    open: "打开政策包",
    opened: "正在编辑：",
    builtin: "内置政策包",
    open_builtin: "打开内置政策包",
    open_folder: "打开文件夹…",
    open_file: "打开 bundle 或 zip 文件…",
    drop_here: "也可以把政策包文件夹、bundle（.bin）或 zip 文件拖放到这里。文件只在本浏览器中读取，不会上传。",
    open_replaces_drafts: "打开其他政策包会放弃当前所有草稿。继续吗？",
    origin_not_kept: "本浏览器无法记住打开的政策包（存储已满或被禁用）：刷新页面后将回到内置政策包。",
    files: "文件",
    editing: "编辑",
    keys: "快捷键：Ctrl+S 保存草稿，Ctrl+G 跳到某一行，Ctrl+Z 撤销；Tab 键离开编辑框。",
    go_to_line: "跳到第几行",
    go: "跳转",
    close: "关闭",
    results: "检查结果",
    sources_none: "引文未核对：选择来源文件夹（如 shared/seeds）后，每条引文都会与原文逐字比对，与 policy check --sources 相同。",
    choose_sources: "选择来源文件夹…",
    checking: "检查中…",
    not_stored: "修改作为草稿只保存在本浏览器中（localStorage），不会发送到任何地方。",
    edited: "已修改",
    new_file_mark: "新文件",
    new_file: "新建文件…",
    remove_file: "删除当前文件",
    new_file_path: "新文件的路径",
    new_file_note: "rules/ 下是政策文件（文件名就是政策编号，如 rules/qd-new-policy.toml，只用小写字母、数字和 -），tests/ 下是测试用例文件（小写字母、数字、- 和 _）。",
    new_file_bad: "路径应为 rules/编号.toml（编号只用小写字母、数字和 -，不以 - 开头）或 tests/名称.toml（小写字母、数字、- 和 _）。",
    new_file_exists: "已有同名文件。",
    create: "新建",
    removed: "已删除的文件：",
    drafts: "有未发布的草稿",
    drafts_detail: "标为“已修改”的文件是你的草稿：保存在本浏览器中，刷新后仍在，尚未发布。",
    outdated: "以下文件在你起草之后，原文件已有更新；你的草稿仍然保留，放弃草稿即可改用新的原文件：",
    discard: "放弃草稿",
    discard_question: "放弃所有草稿，恢复原文件？此操作无法撤销。",
    discard_yes: "是，放弃草稿",
    discard_no: "取消，保留草稿",
    discarded: "已放弃草稿，已恢复原文件。",
    saved: "草稿已保存在本浏览器中。",
    elsewhere: "另一个标签页或窗口修改了这些文件的草稿（本页不会覆盖它们）：",
    take_theirs: "载入另一个标签页的版本",
    keep_mine: "保留本页的版本",
    held: "另一个标签页修改了这个文件：请先在上方选择保留哪个版本，再继续编辑。",
    loading: "正在载入内置政策包…",
    tests: "测试用例",
    run_tests: "运行测试",
    stale: "文件在这次运行后又有修改，请重新运行。",
    preview: "预览",
    preview_intro: "用编辑中的政策包运行问卷和结果，与居民看到的一样。政策包每次通过检查后，预览会重新开始。",
    show_preview: "打开预览",
    hide_preview: "关闭预览",
    preview_lang: "预览语言",
    preview_title: "问卷预览（编辑中的政策包）",
    preview_this_policy: "在预览中打开这条政策",
    preview_start: "预览从首页开始",
    preview_stale: "政策包现在有问题：预览仍是上一次通过检查的版本。",
    preview_case: "用测试用例的答案",
    preview_no_case: "（不用，自己回答）",
    preview_none: "政策包还没有通过检查的版本，无法预览：请先修正上面列出的问题。",
    compare: "与打开时的政策包比较",
    compare_intro: "哪些政策有改动，以及哪些答案组合的结果会变化（所有测试用例，加上决定条件真假的取值组合），与 policy diff 命令的报告相同。",
    compare_run: "比较",
    publish: "发布",
    current_release: ("版本", "，规则截至"),
    same_release: "版本号和“规则截至”日期与打开时相同：发布修改前请更新。",
    release: "更新版本和日期…",
    new_version: "新版本号",
    new_date: "规则截至（日期）",
    release_yes: "确认，写入 pack.toml",
    release_no: "取消",
    released: "已更新 pack.toml 的版本和日期。",
    release_bad_date: "请填写日期（年-月-日，如 2026-12-01）。",
    release_no_manifest: "政策包中没有 pack.toml，无法写入版本。",
    download_zip: "下载政策包文件（zip）",
    download_bundle: "下载 bundle（供 data-pack 使用）",
    downloaded: "已下载：",
    cannot_publish: "政策包有问题，修正后才能下载。",
    tests_not_run: "提示：发布前请运行测试并确认全部通过。",
    bundle_howto: "使用 bundle：把 .bin 文件放到网站上应用所在的目录（例如 packs/），在嵌入代码中加上 data-pack=\"packs/文件名.bin\"。zip 中是全部政策包文件，可交给开发人员或用 policy check 检查。",
};

pub const EN: Words = Words {
    lang: "en",
    title: "Pack studio",
    intro: "Edit a pack's files; the whole pack is checked as you type, with the same messages as the policy check command. Run the tests, preview the questionnaire, compare with the pack as opened, then download to publish.",
    other_lang: "中文",
    other_lang_code: "zh-Hans",
    guide: "Writing guide",
    guide_note: "From policies/README.md (in English, with the key terms in Chinese).",
    open: "Open a pack",
    opened: "Editing: ",
    builtin: "the built-in pack",
    open_builtin: "Open the built-in pack",
    open_folder: "Open a folder…",
    open_file: "Open a bundle or zip file…",
    drop_here: "Or drop a pack folder, a bundle (.bin) or a zip file here. Files are read in this browser only, never uploaded.",
    open_replaces_drafts: "Opening another pack discards every draft. Go on?",
    origin_not_kept: "This browser cannot remember the opened pack (its storage is full or disabled): a reload will open the built-in pack.",
    files: "Files",
    editing: "Editing",
    keys: "Keys: Ctrl+S saves the draft, Ctrl+G goes to a line, Ctrl+Z undoes; Tab leaves the editor.",
    go_to_line: "Go to line",
    go: "Go",
    close: "Close",
    results: "Check",
    sources_none: "Quotes not checked: choose the sources folder (such as shared/seeds) and every quote is compared with its document word for word, as policy check --sources does.",
    choose_sources: "Choose the sources folder…",
    checking: "Checking…",
    not_stored: "Edits are kept as drafts in this browser only (localStorage); nothing is sent anywhere.",
    edited: "edited",
    new_file_mark: "new",
    new_file: "New file…",
    remove_file: "Remove this file",
    new_file_path: "Path of the new file",
    new_file_note: "Policies go in rules/ (the file name is the policy id, e.g. rules/qd-new-policy.toml: lower-case letters, digits and - only), test cases in tests/ (lower-case letters, digits, - and _).",
    new_file_bad: "The path must be rules/ID.toml (an id of lower-case letters, digits and -, not starting with -) or tests/NAME.toml (lower-case letters, digits, - and _).",
    new_file_exists: "A file of that name is already there.",
    create: "Create",
    removed: "Removed files:",
    drafts: "You have unpublished drafts",
    drafts_detail: "The files marked \u{201c}edited\u{201d} are your drafts: kept in this browser, they survive a reload, and are not published.",
    outdated: "These files changed at their source after you drafted them; your drafts are kept, and discarding them brings in the new files:",
    discard: "Discard drafts",
    discard_question: "Discard every draft and restore the original files? This cannot be undone.",
    discard_yes: "Yes, discard drafts",
    discard_no: "Cancel, keep drafts",
    discarded: "Drafts discarded: the original files are back.",
    saved: "Draft saved in this browser.",
    elsewhere: "Another tab or window changed the drafts of these files (this tab does not write over them):",
    take_theirs: "Load the other tab's version",
    keep_mine: "Keep this tab's version",
    held: "Another tab changed this file: choose above which version to keep before you go on editing.",
    loading: "Loading the built-in pack…",
    tests: "Test cases",
    run_tests: "Run tests",
    stale: "Files have changed since this run; run the tests again.",
    preview: "Preview",
    preview_intro: "The questionnaire and results with the pack you are editing, as residents see them. The preview starts again each time the pack checks.",
    show_preview: "Show preview",
    hide_preview: "Hide preview",
    preview_lang: "Preview language",
    preview_title: "Questionnaire preview (the pack being edited)",
    preview_this_policy: "Open this policy in the preview",
    preview_start: "Start the preview from the first page",
    preview_stale: "The pack has problems now: the preview still shows the last version that checked.",
    preview_case: "With a test case's answers",
    preview_no_case: "(none: answer yourself)",
    preview_none: "No version of this pack has checked yet, so there is nothing to preview: fix the problems listed above first.",
    compare: "Compare with the pack as opened",
    compare_intro: "Which policies changed, and which answers get a different result (every test case, and the combinations of the values that decide each condition): the report of the policy diff command.",
    compare_run: "Compare",
    publish: "Publish",
    current_release: ("Version", ", rules as of"),
    same_release: "The version and \u{201c}rules as of\u{201d} date are those the pack was opened with: update them before publishing changes.",
    release: "Update version and date…",
    new_version: "New version",
    new_date: "Rules as of (date)",
    release_yes: "Confirm, write to pack.toml",
    release_no: "Cancel",
    released: "pack.toml now has the new version and date.",
    release_bad_date: "Enter a date (year-month-day, such as 2026-12-01).",
    release_no_manifest: "The pack has no pack.toml to write the version into.",
    download_zip: "Download the pack files (zip)",
    download_bundle: "Download the bundle (for data-pack)",
    downloaded: "Downloaded: ",
    cannot_publish: "The pack has problems: fix them to download it.",
    tests_not_run: "Before publishing, run the tests and see them all pass.",
    bundle_howto: "Using the bundle: put the .bin file on the website beside the app (for example in packs/) and add data-pack=\"packs/FILE.bin\" to the embed code. The zip holds every pack file, for a developer or for policy check.",
};

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

pub fn summary(lang: Lang, check: &Check) -> String {
    match (lang == Lang::En, check) {
        (false, Check::Passes(n)) => format!("没有问题：{n} 条政策"),
        (true, Check::Passes(n)) => format!("No problems: {n} {}", if *n == 1 { "policy" } else { "policies" }),
        (false, Check::Problems(p)) => format!("发现 {} 个问题", p.len()),
        (true, Check::Problems(p)) => format!("{} problem{} found", p.len(), if p.len() == 1 { "" } else { "s" }),
    }
}

pub fn test_summary(lang: Lang, run: &TestRun) -> String {
    match (lang == Lang::En, run) {
        (false, TestRun::CannotRun(n)) => format!("政策包有 {n} 个问题，修正后才能运行测试。"),
        (true, TestRun::CannotRun(n)) => format!("Tests cannot run until the pack's {n} problem{} fixed.", if *n == 1 { " is" } else { "s are" }),
        (false, TestRun::CaseProblems(p)) => format!("测试文件有 {} 个问题，无法运行：", p.len()),
        (true, TestRun::CaseProblems(p)) => format!("The test files have {} problem{}; the tests cannot run:", p.len(), if p.len() == 1 { "" } else { "s" }),
        (false, TestRun::Ran { passed, failures }) => format!("{passed} 个通过，{} 个失败", failures.len()),
        (true, TestRun::Ran { passed, failures }) => format!("{passed} passed, {} failed", failures.len()),
    }
}

/// Where the cursor is, for the line under the editor.
pub fn caret_text(lang: Lang, line: usize, col: usize) -> String {
    if lang == Lang::En {
        format!("Line {line}, column {col}")
    } else {
        format!("第 {line} 行，第 {col} 列")
    }
}

/// Why there is no comparison: the edited pack's problems, or (`None`) the
/// pack as opened does not check.
pub fn cannot_compare(lang: Lang, problems: Option<usize>) -> String {
    match (lang == Lang::En, problems) {
        (true, Some(n)) => format!("The comparison needs a pack that checks: fix its {n} problem{} first.", if n == 1 { "" } else { "s" }),
        (false, Some(n)) => format!("政策包有 {n} 个问题，修正后才能比较。"),
        (true, None) => "The pack as opened does not check itself, so there is nothing to compare with.".into(),
        (false, None) => "打开时的政策包本身没有通过检查，无法与之比较。".into(),
    }
}

pub fn sources_loaded(lang: Lang, folder: &str, n: usize) -> String {
    if lang == Lang::En {
        format!("Quotes are checked against {n} source document{} from {folder}.", if n == 1 { "" } else { "s" })
    } else {
        format!("引文已与 {folder} 中的 {n} 份来源文件逐字核对。")
    }
}

pub fn remove_question(lang: Lang, path: &str) -> String {
    if lang == Lang::En {
        format!("Remove {path} from the pack? Discarding the drafts brings it back.")
    } else {
        format!("从政策包中删除 {path}？放弃草稿可以恢复。")
    }
}

/// Said at the editor when storage refused the open file's draft: the text
/// stays where it is.
pub fn unsaved(lang: Lang, path: &str) -> String {
    if lang == Lang::En {
        format!("This browser did not keep the draft of {path} (its storage is full or refused): your text stays here in the editor, but a reload or a closed tab would lose it. Free some storage, or download the pack files.")
    } else {
        format!("本浏览器没有保存 {path} 的草稿（存储已满或被拒绝）：文字仍在编辑框中，但刷新或关闭页面会丢失。请腾出存储空间，或下载政策包文件。")
    }
}

/// Why the built-in pack did not open.
pub fn builtin_failed(lang: Lang, why: &str) -> String {
    if lang == Lang::En {
        format!("The built-in pack could not be loaded ({why}): reload the page, or open a pack of your own.")
    } else {
        format!("无法载入内置政策包（{why}）：请刷新页面，或打开自己的政策包。")
    }
}
