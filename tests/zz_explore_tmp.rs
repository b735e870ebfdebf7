use policy_explainer::{default_pack, pack::{self, PackFiles}};
fn show(label: &str, edits: &[(&str, &str)]) {
    let mut f = default_pack::files();
    for (p, t) in edits { f.insert(p, t); }
    match pack::load(&f) { Ok(_) => println!("== {label}: OK"), Err(d) => { println!("== {label}:"); for x in d { println!("  {x}"); } } }
}
fn gx() -> String { default_pack::files().get("rules/gx-assisted-service.toml").unwrap().to_string() }
#[test]
fn explore() {
    let g = gx();
    show("unknown fact", &[("rules/gx-assisted-service.toml", &g.replace("when = 'city == \"qingdao\"'", "when = 'cty == \"qingdao\"'"))]);
    show("type mismatch", &[("rules/gx-assisted-service.toml", &g.replace("when = 'city == \"qingdao\"'", "when = 'city == 3'"))]);
    show("domain", &[("rules/gx-assisted-service.toml", &g.replace("when = 'city == \"qingdao\"'", "when = 'city == \"qingdoa\"'"))]);
    show("no en", &[("rules/gx-assisted-service.toml", &g.replace(", en = \"Qingdao Hi-tech Zone\" }", " }"))]);
    show("no zh", &[("rules/gx-assisted-service.toml", &g.replace("{ zh = \"青岛高新区\", en", "{ en"))]);
    show("no source", &[("rules/gx-assisted-service.toml", &g.replace("source = { document = \"seed-000\", quote = \"组建专业帮办队伍,为企业和群众提供“一站式、无障碍”的全流程帮办服务\" }\n", ""))]);
    show("unknown doc", &[("rules/gx-assisted-service.toml", &g.replacen("document = \"seed-000\"", "document = \"seed-009\"", 1))]);
    show("dup policy", &[("rules/gx-copy.toml", &g)]);
    let facts = default_pack::files().get("facts.toml").unwrap().to_string();
    show("dup fact", &[("facts.toml", &facts.replace("id = \"retired\"", "id = \"age\""))]);
    show("never", &[("rules/gx-assisted-service.toml", &g.replace("when = 'city == \"qingdao\"'", "when = 'age > 130'"))]);
    show("contradict", &[("rules/gx-assisted-service.toml", &g.replace("when = 'city == \"qingdao\"'", "when = 'city == \"zaozhuang\"'").replace("when = 'district == \"gaoxin\"'", "when = 'city == \"qingdao\"'"))]);
    show("file name", &[("rules/gx-assisted-service.toml", &g.replace("id = \"gx-assisted-service\"", "id = \"gx-assisted\""))]);
    show("status", &[("rules/gx-assisted-service.toml", &g.replace("criteria_status = \"confirmed\"", "criteria_status = \"sure\""))]);
    show("date", &[("rules/gx-assisted-service.toml", &g.replace("criteria_status = \"confirmed\"", "criteria_status = \"confirmed\"\nvalid_from = \"2025-13-01\""))]);
    show("date2", &[("rules/gx-assisted-service.toml", &g.replace("criteria_status = \"confirmed\"", "criteria_status = \"confirmed\"\nvalid_from = 2025-02-30"))]);
    show("syntax", &[("rules/gx-assisted-service.toml", &g.replace("criteria_status = \"confirmed\"", "criteria_status = \"confirmed"))]);
    show("unknown field", &[("rules/gx-assisted-service.toml", &g.replace("criteria_status", "critera_status"))]);
    show("escaped", &[("rules/gx-assisted-service.toml", &g.replace("when = 'district == \"gaoxin\"'", "when = \"city == \\\"qingdao\\\" and district == \\\"gaoxn\\\"\""))]);
    show("multiline", &[("rules/gx-assisted-service.toml", &g.replace("when = 'district == \"gaoxin\"'", "when = '''\ndistrict == \"gaoxn\"'''"))]);
    let t = std::time::Instant::now();
    for _ in 0..20 { pack::load(&default_pack::files()).unwrap(); }
    println!("load: {:?}", t.elapsed() / 20);
}
#[test]
fn explore_quotes() {
    let mut docs = std::collections::HashMap::new();
    for e in std::fs::read_dir("../shared/seeds").unwrap() { let e = e.unwrap(); docs.insert(e.file_name().to_string_lossy().to_string(), std::fs::read_to_string(e.path()).unwrap()); }
    let mut f = default_pack::files();
    println!("{:?}", pack::load_checking_quotes(&f, &docs).map(|p| p.policies.len()));
    let g = gx();
    f.insert("rules/gx-assisted-service.toml", &g.replace("组建专业帮办队伍,为企业", "组建专业帮办队伍，为企业"));
    println!("{:?}", pack::load_checking_quotes(&f, &docs).err());
    docs.remove("000_eba07afb2bb4cb30.txt");
    println!("{:?}", pack::load_checking_quotes(&default_pack::files(), &docs).err().map(|d| d.len()));
    let t = std::time::Instant::now();
    let base = default_pack::files();
    let mut small = PackFiles::from_pairs([("pack.toml".to_string(), base.get("pack.toml").unwrap().to_string()), ("facts.toml".to_string(), base.get("facts.toml").unwrap().to_string()), ("rules/gx-assisted-service.toml".to_string(), g.clone())]);
    for _ in 0..50 { pack::load(&small).unwrap(); }
    println!("small load: {:?}", t.elapsed() / 50);
    small.insert("facts.toml", "");
    let t = std::time::Instant::now();
    let mut b2 = base.clone(); b2.insert("facts.toml", "[[fact]]\nid = \"x\"");
    for _ in 0..50 { let _ = pack::load(&b2); }
    println!("broken-facts load: {:?}", t.elapsed() / 50);
}
