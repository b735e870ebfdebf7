//! `policy`: the command-line tool for policy staff, a thin shell over the
//! library.
//!
//! ```text
//! policy check [--pack DIR] [--sources DIR]
//! policy eval --facts FILE|- [--date YYYY-MM-DD] [--pack DIR] [--lang zh|en]
//! policy test [--pack DIR]
//! policy bundle [--pack DIR] [--out FILE] [--split-by FACT --out DIR]
//! policy docs [--pack DIR] --out DIR [--date YYYY-MM-DD]
//! policy diff OLD NEW [--json] [--date YYYY-MM-DD] [--bound N]
//! policy generate N [--regions K] --out DIR
//! ```

use policy_explainer::compiled;
use policy_explainer::engine::{evaluate, explain, next_question, questions_left, Date, Lang, Pack};
use policy_explainer::facts_file::{read_facts, MAX_FACTS_FILE};
use policy_explainer::pack::{generated_pack_files, generated_province_files, load, load_checking_quotes, run_cases, Diagnostic, PackFiles};
use policy_explainer::terminal::one_line;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage:
  policy check [--pack DIR] [--sources DIR]
      Validates the pack; with --sources, also checks every quote against the
      cited documents in DIR. Exit 0 with a summary, or 1 with every problem.
  policy eval --facts FILE|- [--date YYYY-MM-DD] [--pack DIR] [--lang zh|en]
      Evaluates every policy for the facts (a JSON object; - reads stdin) and
      prints JSON. The date defaults to today in China Standard Time (UTC+8).
      Bad facts: exit 2, naming the fact.
  policy test [--pack DIR]
      Runs the pack's test cases (tests/*.toml).
  policy bundle [--pack DIR] [--out FILE] [--split-by FACT --out DIR]
      Checks the pack and writes it compiled, for a host site to serve and name
      with data-pack (to standard output when it is not a terminal). With
      --split-by FACT (an enum fact such as city), writes DIR/index.bin and
      one DIR/FACT-VALUE.bin per value: each policy confined to one value is
      in that value's file, the rest in the index.
  policy docs [--pack DIR] --out DIR [--date YYYY-MM-DD]
      Checks the pack and writes the policy library as static HTML: an index
      and one page per policy, in Chinese (DIR) and English (DIR/en), to
      serve beside the app (the build puts them in dist/policies/). The date
      (today in China by default) decides which policies the pages mark as
      not in force and as coming from an old report.
  policy diff OLD NEW [--json] [--date YYYY-MM-DD] [--bound N]
      Compares two packs (folders, bundles or split bundles' folders):
      policies added, removed and
      changed, with before/after criteria and their sources; then whose
      results change, from every test case and the combinations of the
      values that decide each policy's conditions (all of them up to N per
      policy, default 20000, a fixed sample beyond; fewer for a policy whose
      conditions are huge, so that the comparison stays within a bound of
      work, and the report names it). Exit 0 when no verdict differs, 1 when
      some do, 2 on bad input.
  policy generate N [--regions K] --out DIR
      Writes a synthetic pack of N policies over the default facts, for
      measuring how the app scales. With --regions K, a synthetic province:
      the fact city takes the values c01 to cK and other, about N/K policies
      belong to each city and about N/20 to the whole province.
The pack defaults to ./policies.";

/// Exit codes: 0 success, 1 a broken pack or failed tests, 2 bad input or usage.
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            print_err(&format!("policy: {message}"));
            ExitCode::from(2)
        }
    }
}

struct Options {
    pack: PathBuf,
    out: Option<PathBuf>,
    sources: Option<PathBuf>,
    facts: Option<String>,
    date: Option<Date>,
    lang: Lang,
    /// `bundle --split-by FACT`: an index and one shard per value of FACT.
    split_by: Option<String>,
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut o = Options { pack: PathBuf::from("policies"), out: None, sources: None, facts: None, date: None, lang: Lang::Zh, split_by: None };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("{name} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--pack" => o.pack = PathBuf::from(value("--pack")?),
            "--out" => o.out = Some(PathBuf::from(value("--out")?)),
            "--sources" => o.sources = Some(PathBuf::from(value("--sources")?)),
            "--facts" => o.facts = Some(value("--facts")?),
            "--split-by" => o.split_by = Some(value("--split-by")?),
            "--date" => {
                let d = value("--date")?;
                o.date = Some(Date::parse(&d).ok_or_else(|| format!("--date {d:?} is not a date YYYY-MM-DD"))?);
            }
            "--lang" => {
                let l = value("--lang")?;
                // The engine's one reading of a language code, as the app's `lang=`.
                o.lang = Lang::from_code(&l).ok_or_else(|| format!("--lang {l:?}: use zh or en"))?;
            }
            other => return Err(format!("unknown option {other:?}\n{USAGE}")),
        }
    }
    Ok(o)
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let Some(command) = args.first() else { return Err(USAGE.into()) };
    if matches!(command.as_str(), "-h" | "--help" | "help") {
        print_out(USAGE);
        return Ok(ExitCode::SUCCESS);
    }
    if command == "generate" {
        return generate(&args[1..]);
    }
    if command == "diff" {
        return diff(&args[1..]);
    }
    let options = parse_options(&args[1..])?;
    let files = PackFiles::from_dir(&options.pack).map_err(|e| format!("cannot read the pack: {e}"))?;
    if !options.pack.is_dir() {
        return Err(format!("{} is not a folder: pass the pack folder with --pack", options.pack.display()));
    }
    match command.as_str() {
        "check" => check(&options, &files),
        "eval" => eval(&options, &files),
        "test" => test(&options, &files),
        "bundle" => bundle(&options, &files),
        "docs" => docs(&options, &files),
        other => Err(format!("unknown command {other:?}\n{USAGE}")),
    }
}

/// Checks the pack and writes its compiled form: what the app embeds for the
/// default pack, and what a host serves for `data-pack`.
fn bundle(options: &Options, files: &PackFiles) -> Result<ExitCode, String> {
    use std::io::{IsTerminal, Write};
    let pack = match load_pack(options, files) {
        Ok(p) => p,
        Err(code) => return Ok(code),
    };
    if let Some(fact) = &options.split_by {
        return split_bundle(&pack, fact, options.out.as_deref());
    }
    let bytes = compiled::encode(&pack);
    match &options.out {
        Some(path) => {
            std::fs::write(path, &bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            print_out(&one_line(&format!(
                "wrote {}: pack {} {}, {} policies, {} bytes (format {})",
                path.display(),
                pack.id,
                pack.version,
                pack.policies.len(),
                bytes.len(),
                compiled::FORMAT_VERSION
            )));
        }
        None if std::io::stdout().is_terminal() => return Err(format!("bundle writes binary data: pass --out FILE, or redirect standard output\n{USAGE}")),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes).and_then(|_| out.flush()).map_err(|e| format!("cannot write the bundle: {e}"))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `bundle --split-by FACT --out DIR`: the index and a shard per value of
/// FACT, so that a visitor downloads the index and their region's shard.
fn split_bundle(pack: &policy_explainer::engine::Pack, fact: &str, out: Option<&Path>) -> Result<ExitCode, String> {
    let Some(dir) = out else { return Err(format!("bundle --split-by writes a folder: pass --out DIR\n{USAGE}")) };
    let split = compiled::split(pack, fact)?;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).map_err(|e| format!("cannot write {}: {e}", dir.join(name).display()));
    write("index.bin", &split.index)?;
    for (name, bytes) in &split.shards {
        write(name, bytes)?;
    }
    let largest = split.shards.iter().map(|(_, b)| b.len()).max().unwrap_or(0);
    print_out(&one_line(&format!(
        "wrote {}: pack {} {} split by {fact}, index.bin ({} bytes) and {} shards (the largest {largest} bytes)",
        dir.display(),
        pack.id,
        pack.version,
        split.index.len(),
        split.shards.len()
    )));
    Ok(ExitCode::SUCCESS)
}

/// Checks the pack and writes the library's static pages.
fn docs(options: &Options, files: &PackFiles) -> Result<ExitCode, String> {
    let Some(out) = &options.out else { return Err(format!("docs needs --out DIR\n{USAGE}")) };
    let pack = match load_pack(options, files) {
        Ok(p) => p,
        Err(code) => return Ok(code),
    };
    let date = options.date.unwrap_or_else(today_in_china);
    let written = policy_explainer::docs::write_docs(&pack, out, date).map_err(|e| format!("cannot write the pages under {}: {e}", out.display()))?;
    print_out(&one_line(&format!(
        "wrote {} pages under {}: pack {} {}, {} policies in Chinese and English",
        written.len(),
        out.display(),
        pack.id,
        pack.version,
        pack.policies.len()
    )));
    Ok(ExitCode::SUCCESS)
}

/// A pack to compare: a folder (checked as `policy check` does, with its test
/// cases' answers), a bundle, or a split bundle's folder (its index and
/// every shard; decoded, without test cases).
fn pack_for_diff(path: &Path) -> Result<(Pack, Vec<policy_explainer::diff::FactSet>), String> {
    let index = path.join("index.bin");
    if index.is_file() {
        let read = |file: &Path| std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()));
        let mut split = compiled::SplitPack::decode_index(&read(&index)?).map_err(|e| format!("{}: {e}", index.display()))?;
        for value in 0..split.pack.facts[split.fact].kind.choices().len() as u8 {
            let file = path.join(split.shard_file(value).unwrap_or_default());
            split.add_shard(&read(&file)?).map_err(|e| format!("{}: {e}", file.display()))?;
        }
        return Ok((split.pack, Vec::new()));
    }
    if path.is_dir() {
        let files = PackFiles::from_dir(path).map_err(|e| format!("cannot read the pack {}: {e}", path.display()))?;
        let pack = load(&files).map_err(|d| {
            for x in &d {
                print_err(&one_line(&Diagnostic { file: path.join(&x.file).display().to_string(), ..x.clone() }.to_string()));
            }
            format!("{} does not check ({} problems): fix it first", path.display(), d.len())
        })?;
        Ok((pack, policy_explainer::pack::case_facts(&files)))
    } else {
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let pack = compiled::decode(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok((pack, Vec::new()))
    }
}

/// `policy diff OLD NEW`: what changed, and whose results change.
fn diff(args: &[String]) -> Result<ExitCode, String> {
    use policy_explainer::diff::{changes, report, report_text, verdict_changes, ReportLine};
    let (mut paths, mut json, mut date, mut bound) = (Vec::new(), false, None, 20_000usize);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--date" => {
                let d = it.next().ok_or("--date needs a value")?;
                date = Some(Date::parse(d).ok_or_else(|| format!("--date {d:?} is not a date YYYY-MM-DD"))?);
            }
            "--bound" => {
                let n = it.next().ok_or("--bound needs a value")?;
                bound = n.parse().ok().filter(|n| (1..=10_000_000).contains(n)).ok_or_else(|| format!("--bound {n:?} is not a number from 1 to 10000000"))?;
            }
            other if other.starts_with("--") => return Err(format!("unknown option {other:?}\n{USAGE}")),
            path => paths.push(PathBuf::from(path)),
        }
    }
    let [old_path, new_path] = &paths[..] else { return Err(format!("diff needs two packs, OLD and NEW\n{USAGE}")) };
    let (old, old_cases) = pack_for_diff(old_path)?;
    let (new, new_cases) = pack_for_diff(new_path)?;
    let cases = policy_explainer::diff::answer_sets(old_cases, new_cases);
    let date = date.unwrap_or_else(today_in_china);
    let changed = changes(&old, &new);
    let verdicts = verdict_changes(&old, &new, &cases, date, bound);
    let code = if verdicts.policies.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) };
    if json {
        let report = serde_json::json!({
            "old": { "id": old.id, "version": old.version },
            "new": { "id": new.id, "version": new.version },
            "date": date.to_string(),
            "changes": changed,
            "verdicts": verdicts,
        });
        print_json(&serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?);
        return Ok(code);
    }
    print_out(&one_line(&format!("{} {} ({}) -> {} {} ({}), on {date}", old.id, old.version, old_path.display(), new.id, new.version, new_path.display())));
    // The rest is the library's, so that the pack studio shows the same
    // report; each line's text from the packs is kept to its line.
    let lines: Vec<ReportLine> = report(&changed, &verdicts).into_iter().map(|l| ReportLine { text: one_line(&l.text).into_owned(), ..l }).collect();
    print_out(&format!("\n{}", report_text(&lines).trim_end_matches('\n')));
    Ok(code)
}

/// `policy generate N [--regions K] --out DIR`: a synthetic pack (or
/// province of K cities) for scale measurements.
fn generate(args: &[String]) -> Result<ExitCode, String> {
    let usage = || format!("generate needs N [--regions K] --out DIR\n{USAGE}");
    let (n, rest) = args.split_first().ok_or_else(usage)?;
    let (regions, rest) = match rest {
        [flag, k, rest @ ..] if flag == "--regions" => {
            let k: usize = k.parse().ok().filter(|k| (1..=99).contains(k)).ok_or_else(|| format!("generate: {k:?} is not a number of regions from 1 to 99"))?;
            (Some(k), rest)
        }
        rest => (None, rest),
    };
    let [flag, dir] = rest else { return Err(usage()) };
    if flag != "--out" {
        return Err(usage());
    }
    let n: usize =
        n.parse().ok().filter(|n| (1..=100_000).contains(n)).ok_or_else(|| format!("generate: {n:?} is not a number of policies from 1 to 100000"))?;
    let base = policy_explainer::default_pack::files();
    let files = match regions {
        Some(k) => generated_province_files(&base, n, k),
        None => generated_pack_files(&base, n),
    };
    for (path, text) in files.iter() {
        let target = Path::new(dir).join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&target, text).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    }
    match regions {
        Some(k) => print_out(&format!("wrote a province of {n} generated policies over {k} cities to {dir}")),
        None => print_out(&format!("wrote a pack of {n} generated policies to {dir}")),
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints diagnostics as `path/file:line:col: message`, and returns exit 1.
fn print_diagnostics(pack_dir: &Path, diagnostics: &[Diagnostic]) -> ExitCode {
    for d in diagnostics {
        print_err(&one_line(&Diagnostic { file: pack_dir.join(&d.file).display().to_string(), ..d.clone() }.to_string()));
    }
    print_err(&format!("{} problem{} found", diagnostics.len(), if diagnostics.len() == 1 { "" } else { "s" }));
    ExitCode::from(1)
}

fn load_pack(options: &Options, files: &PackFiles) -> Result<Pack, ExitCode> {
    let result = match &options.sources {
        None => load(files),
        Some(dir) => {
            let mut texts = HashMap::new();
            let entries = std::fs::read_dir(dir).map_err(|e| {
                print_err(&format!("policy: cannot read the sources folder {}: {e}", dir.display()));
                ExitCode::from(2)
            })?;
            for entry in entries.flatten() {
                if let Ok(text) = std::fs::read_to_string(entry.path()) {
                    texts.insert(entry.file_name().to_string_lossy().to_string(), text);
                }
            }
            load_checking_quotes(files, &texts)
        }
    };
    result.map_err(|d| print_diagnostics(&options.pack, &d))
}

fn check(options: &Options, files: &PackFiles) -> Result<ExitCode, String> {
    let pack = match load_pack(options, files) {
        Ok(p) => p,
        Err(code) => return Ok(code),
    };
    let criteria: usize = pack.policies.iter().map(|p| p.criteria.len()).sum();
    let quotes = if options.sources.is_some() { ", every quote found in its document" } else { "" };
    print_out(&one_line(&format!(
        "ok: pack {} {} (rules as of {}): {} policies, {} criteria, {} facts{quotes}",
        pack.id,
        pack.version,
        pack.rules_as_of,
        pack.policies.len(),
        criteria,
        pack.facts.len()
    )));
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct EvalOutput {
    date: String,
    results: Vec<EvalResult>,
    next_question: Option<String>,
    questions_left: usize,
}

#[derive(Serialize)]
struct EvalResult {
    id: String,
    /// The catalogue's status id.
    status: &'static str,
    /// The exact words the page shows, in `--lang`.
    headline: String,
    max_amount: Option<i64>,
    missing: Vec<String>,
    failed: Vec<String>,
    /// The year of the report the policy comes from, when it is more than
    /// two years old on the date.
    source_age: Option<i32>,
}

fn eval(options: &Options, files: &PackFiles) -> Result<ExitCode, String> {
    let source = options.facts.as_deref().ok_or_else(|| format!("eval needs --facts FILE (or - for standard input)\n{USAGE}"))?;
    let text = read_facts_text(source)?;
    let pack = match load_pack(options, files) {
        Ok(p) => p,
        Err(code) => return Ok(code),
    };
    let facts =
        read_facts(&pack.facts, &text).map_err(|errors| errors.lines().iter().map(|l| one_line(l).into_owned()).collect::<Vec<_>>().join("\npolicy: "))?;
    let date = options.date.unwrap_or_else(today_in_china);
    let verdicts = evaluate(&pack, &facts, date);
    let output = EvalOutput {
        date: date.to_string(),
        results: verdicts
            .iter()
            .map(|v| {
                let e = explain(&pack, v, &facts, options.lang);
                EvalResult {
                    id: e.policy_id,
                    status: v.status.as_str(),
                    headline: e.headline,
                    max_amount: v.max_amount,
                    missing: v.missing.iter().map(|f| pack.facts[*f].id.clone()).collect(),
                    failed: e.failed,
                    source_age: v.source_age,
                }
            })
            .collect(),
        next_question: next_question(&pack, &facts, &verdicts).map(|f| pack.facts[f].id.clone()),
        questions_left: questions_left(&pack, &facts, &verdicts),
    };
    print_json(&serde_json::to_string_pretty(&output).map_err(|e| e.to_string())?);
    Ok(ExitCode::SUCCESS)
}

/// The facts file's text (`-`: standard input), at most [`MAX_FACTS_FILE`]
/// bytes: a bigger one is refused before it fills memory.
fn read_facts_text(source: &str) -> Result<String, String> {
    let name = if source == "-" { "standard input".to_string() } else { source.to_string() };
    let reader: Box<dyn Read> =
        if source == "-" { Box::new(std::io::stdin()) } else { Box::new(std::fs::File::open(source).map_err(|e| format!("cannot read {name}: {e}"))?) };
    let mut bytes = Vec::new();
    reader.take(MAX_FACTS_FILE as u64 + 1).read_to_end(&mut bytes).map_err(|e| format!("cannot read facts from {name}: {e}"))?;
    if bytes.len() > MAX_FACTS_FILE {
        return Err(format!("the facts in {name} are larger than {} MB: facts are one small JSON object", MAX_FACTS_FILE >> 20));
    }
    String::from_utf8(bytes).map_err(|e| format!("the facts in {name} are not UTF-8 text: {e}"))
}

fn test(options: &Options, files: &PackFiles) -> Result<ExitCode, String> {
    let pack = match load_pack(options, files) {
        Ok(p) => p,
        Err(code) => return Ok(code),
    };
    let outcomes = match run_cases(&pack, files) {
        Ok(o) => o,
        Err(d) => return Ok(print_diagnostics(&options.pack, &d)),
    };
    let failed: Vec<_> = outcomes.iter().filter(|o| !o.passed()).collect();
    for o in &failed {
        print_err(&one_line(&format!("FAIL {}:{}: {}", options.pack.join(&o.location.file).display(), o.location.line, o.name)));
        for f in &o.failures {
            print_err(&format!("     {}", one_line(f)));
        }
    }
    print_out(&format!("{} passed, {} failed", outcomes.len() - failed.len(), failed.len()));
    Ok(if failed.is_empty() && !outcomes.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Prints `text` and a line break to standard output, with every terminal
/// control but its line breaks escaped (see `policy_explainer::terminal`):
/// everything the command prints goes through here, [`print_json`] or
/// [`print_err`], so that no pack, bundle or facts file reaches the terminal
/// raw; a line of input in the text goes through `one_line` first. A closed pipe
/// (`policy eval … | head`) ends the output quietly instead of with a panic.
fn print_out(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{}", policy_explainer::terminal::lines(text));
}

/// JSON to standard output, with the terminal controls JSON leaves raw as
/// JSON escapes: the same JSON to a program, codes on a terminal.
fn print_json(json: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{}", policy_explainer::terminal::json(json));
}

/// [`print_out`]'s twin for standard error.
fn print_err(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{}", policy_explainer::terminal::lines(text));
}

/// Today's date in China, where the policies apply, by the system clock.
fn today_in_china() -> Date {
    Date::in_china_at(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64))
}
