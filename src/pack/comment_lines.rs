// Shared by the library and build.rs (which includes this file), so that the
// app embeds exactly what `policy bundle` serves.

/// The text with every whole-line `#` comment emptied. Comments are for policy
/// staff and would only add to the download; the lines stay, so that line
/// numbers in any error still match the files. (A line starting with `#`
/// could only be text inside a multi-line string, which pack texts never use.)
pub fn without_comment_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with('#') {
            out.push_str(if line.ends_with("\r\n") {
                "\r\n"
            } else if line.ends_with('\n') {
                "\n"
            } else {
                ""
            });
        } else {
            out.push_str(line);
        }
    }
    out
}
