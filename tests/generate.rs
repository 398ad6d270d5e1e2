//! `--generate[=LEN] --charset`: the length and the alphabet asked for.

use crate::support::Env;

fn generated(env: &Env, name: &str, flags: &[&str]) -> String {
    env.as_("alice.key").args(["create", name]).args(flags).ok();
    env.as_("alice.key").args(["get", name]).ok().stdout_text()
}

#[test]
fn each_charset_has_its_alphabet_and_length() {
    let env = Env::with_vault();
    let alnum = |c: char| c.is_ascii_alphanumeric();
    let default = generated(&env, "g/default", &["--generate"]);
    assert_eq!(default.len(), 32);
    assert!(default.chars().all(alnum), "{default}");
    let hex = generated(&env, "g/hex", &["--generate=40", "--charset", "hex"]);
    assert_eq!(hex.len(), 40);
    assert!(
        hex.chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
    );
    let base64 = generated(&env, "g/b64", &["--generate=64", "--charset", "base64"]);
    assert_eq!(base64.len(), 64);
    assert!(base64.chars().all(|c| alnum(c) || c == '+' || c == '/'));
    let symbols = generated(&env, "g/sym", &["--generate=200", "--charset=symbols"]);
    assert_eq!(symbols.len(), 200);
    assert!(
        symbols
            .chars()
            .all(|c| c.is_ascii_graphic() && !"'\"\\`".contains(c))
    );
    assert!(symbols.chars().any(|c| !alnum(c)), "{symbols}");

    env.as_("alice.key")
        .args(["rotate", "g/hex", "--generate=16", "--charset", "hex"])
        .ok();
    let rotated = env
        .as_("alice.key")
        .args(["get", "g/hex"])
        .ok()
        .stdout_text();
    assert_eq!(rotated.len(), 16);
    assert!(rotated.chars().all(|c| c.is_ascii_hexdigit()));
}

#[test]
fn charset_needs_generate() {
    let env = Env::with_vault();
    env.as_("alice.key")
        .args(["create", "g/x", "--charset", "hex"])
        .stdin("v")
        .fails(2);
    env.as_("alice.key")
        .args(["create", "g/x", "--generate=4"])
        .fails(2);
}
