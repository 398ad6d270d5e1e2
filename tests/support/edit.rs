//! Editing the vault file as text, the way someone with write access but no key would:
//! tables found by their header, lines by their key, nothing parsed as TOML.

use std::ops::Range;

/// `text` with `from` replaced by `to`; `from` must occur exactly once.
pub fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(
        text.matches(from).count(),
        1,
        "expected {from:?} exactly once"
    );
    text.replacen(from, to, 1)
}

/// The bytes of the table `[header]`: its header line up to the next table's header
/// (blank separator included). `""` names the top-level keys before the first table.
pub fn table(text: &str, header: &str) -> Range<usize> {
    let start = if header.is_empty() {
        0
    } else {
        let marker = format!("\n[{header}]\n");
        text.find(&marker)
            .unwrap_or_else(|| panic!("no table [{header}]"))
            + 1
    };
    let end = text[start + 1..]
        .find("\n[")
        .map_or(text.len(), |at| start + 1 + at + 1);
    start..end
}

/// The lines of `[header]` after its header line.
pub fn body(text: &str, header: &str) -> String {
    let range = table(text, header);
    let table = &text[range];
    let skip = if header.is_empty() {
        0
    } else {
        table.find('\n').unwrap() + 1
    };
    table[skip..].to_string()
}

/// `text` with the body of `[header]` replaced by `new_body`.
pub fn set_body(text: &str, header: &str, new_body: &str) -> String {
    let range = table(text, header);
    let old = body(text, header);
    let mut out = text.to_string();
    out.replace_range(range.end - old.len()..range.end, new_body);
    out
}

/// The line `key = …` of `[header]`, without its newline.
pub fn field(text: &str, header: &str, key: &str) -> String {
    let prefix = format!("{key} = ");
    body(text, header)
        .lines()
        .find(|line| line.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no {key} in [{header}]"))
        .to_string()
}

/// `text` with the line `key = …` of `[header]` replaced by `line` (or removed when
/// `line` is empty).
pub fn set_field(text: &str, header: &str, key: &str, line: &str) -> String {
    let old = field(text, header, key);
    let body = body(text, header);
    let replacement = if line.is_empty() {
        String::new()
    } else {
        format!("{line}\n")
    };
    set_body(
        text,
        header,
        &replace_once(&body, &format!("{old}\n"), &replacement),
    )
}

/// `text` without `[header]` and every table under it (`[header.…]`).
pub fn remove_tables(text: &str, header: &str) -> String {
    let mut out = text.to_string();
    let nested = format!("[{header}.");
    loop {
        let found = out.match_indices("\n[").map(|(at, _)| at + 1).find(|&at| {
            out[at..].starts_with(&format!("[{header}]\n")) || out[at..].starts_with(&nested)
        });
        let Some(start) = found else { break };
        let end = out[start + 1..]
            .find("\n[")
            .map_or(out.len(), |at| start + 1 + at + 1);
        out.replace_range(start..end, "");
    }
    out
}

/// The key of a version's line in its secret's table: `versions.N`. With
/// `secret_table`, `field` and `set_field` read, replace or remove the whole line.
pub fn version_key(version: u32) -> String {
    format!("versions.{version}")
}

/// The entries of a version's line (`versions.N = { created = "…", dek = "…" }`), each
/// `key = "…"`: no value a version holds contains `", "`.
fn version_entries(text: &str, secret: &str, version: u32) -> Vec<String> {
    let line = field(text, &secret_table(secret), &version_key(version));
    let inline = line
        .split_once(" = { ")
        .and_then(|(_, rest)| rest.strip_suffix(" }"))
        .unwrap_or_else(|| panic!("version {version} of {secret} is not one inline table"));
    inline.split(", ").map(str::to_string).collect()
}

/// The entry `key = …` of version `version` of `secret`.
pub fn version_entry(text: &str, secret: &str, version: u32, key: &str) -> String {
    let prefix = format!("{key} = ");
    version_entries(text, secret, version)
        .into_iter()
        .find(|entry| entry.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no {key} in version {version} of {secret}"))
}

/// `text` with the entry `key = …` of version `version` of `secret` replaced by
/// `entry` (one or more entries, or nothing to remove it).
pub fn set_version_entry(text: &str, secret: &str, version: u32, key: &str, entry: &str) -> String {
    let old = version_entry(text, secret, version, key);
    let entries: Vec<String> = version_entries(text, secret, version)
        .into_iter()
        .map(|e| if e == old { entry.to_string() } else { e })
        .filter(|e| !e.is_empty())
        .collect();
    set_version_body(text, secret, version, &entries.join(", "))
}

/// What is between the braces of version `version` of `secret`.
pub fn version_body(text: &str, secret: &str, version: u32) -> String {
    version_entries(text, secret, version).join(", ")
}

/// `text` with the braces of version `version` of `secret` holding `body`.
pub fn set_version_body(text: &str, secret: &str, version: u32, body: &str) -> String {
    let key = version_key(version);
    set_field(
        text,
        &secret_table(secret),
        &key,
        &format!("{key} = {{ {body} }}"),
    )
}

/// The header of a secret's table: `secrets."NAME"`.
pub fn secret_table(secret: &str) -> String {
    format!("secrets.\"{secret}\"")
}
