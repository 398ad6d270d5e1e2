//! A fast reader for the vault exactly as `format::render` writes it: line by line,
//! no general TOML machinery, and able to skip the secrets a command does not need
//! (keeping only their MACs). Anything it does not recognise as canonical, it declines
//! (`None`) and the general TOML reader takes over, so a hand-edited but valid file still
//! opens, and both readers feed the same `file::convert`.

use super::file::{
    FileGrant, FileKeyring, FilePrincipal, FileRequest, FileSecret, FileVault, FileVersion,
};
use std::collections::BTreeMap;
use std::io::BufRead;

/// One value on the right of ` = `.
enum Value {
    Text(String),
    Integer(i64),
    Table(Vec<(String, Value)>),
}

/// Reads a basic string starting at `"`; returns it and the rest after the closing quote.
fn string(input: &str) -> Option<(String, &str)> {
    let body = input.strip_prefix('"')?;
    let end = memchr::memchr2(b'"', b'\\', body.as_bytes())?;
    if body.as_bytes()[end] == b'"' {
        return Some((body[..end].to_string(), &body[end + 1..]));
    }
    let mut out = String::with_capacity(body.len());
    let mut chars = body.char_indices();
    while let Some((index, c)) = chars.next() {
        match c {
            '"' => return Some((out, &body[index + 1..])),
            '\\' => {
                let (_, escape) = chars.next()?;
                let decoded = match escape {
                    '"' => '"',
                    '\\' => '\\',
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    'u' => {
                        let hex: String = (0..4)
                            .filter_map(|_| chars.next().map(|(_, h)| h))
                            .collect();
                        char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
                    }
                    _ => return None,
                };
                out.push(decoded);
            }
            c if c.is_control() => return None,
            c => out.push(c),
        }
    }
    None
}

/// A bare key (`[A-Za-z0-9_-]+`) or a quoted one; returns it and the rest.
fn key(input: &str) -> Option<(String, &str)> {
    if input.starts_with('"') {
        return string(input);
    }
    let end = input
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
        .unwrap_or(input.len());
    (end > 0).then(|| (input[..end].to_string(), &input[end..]))
}

fn value(input: &str) -> Option<(Value, &str)> {
    if input.starts_with('"') {
        let (text, rest) = string(input)?;
        return Some((Value::Text(text), rest));
    }
    if let Some(mut rest) = input.strip_prefix('{') {
        let mut pairs = Vec::new();
        rest = rest.trim_start_matches(' ');
        if let Some(after) = rest.strip_prefix('}') {
            return Some((Value::Table(pairs), after));
        }
        loop {
            let (name, after) = key(rest)?;
            let (item, after) = value(after.strip_prefix(" = ")?)?;
            pairs.push((name, item));
            if let Some(after) = after.strip_prefix(", ") {
                rest = after;
            } else {
                return Some((Value::Table(pairs), after.strip_prefix(" }")?));
            }
        }
    }
    let end = input
        .find(|c: char| !(c.is_ascii_digit() || c == '-'))
        .unwrap_or(input.len());
    let number = input[..end].parse().ok()?;
    Some((Value::Integer(number), &input[end..]))
}

/// `key = value` filling a whole line.
fn pair(line: &str) -> Option<(String, Value)> {
    let (name, rest) = key(line)?;
    let (item, rest) = value(rest.strip_prefix(" = ")?)?;
    rest.is_empty().then_some((name, item))
}

/// `[a."b".c]` into its keys.
fn header(line: &str) -> Option<Vec<String>> {
    let mut rest = line.strip_prefix('[')?.strip_suffix(']')?;
    let mut keys = Vec::new();
    loop {
        let (name, after) = key(rest)?;
        keys.push(name);
        if after.is_empty() {
            return Some(keys);
        }
        rest = after.strip_prefix('.')?;
    }
}

fn text(item: Value) -> Option<String> {
    match item {
        Value::Text(text) => Some(text),
        _ => None,
    }
}

/// Sets `slot` once; a second value for one key is not canonical.
fn set<T>(slot: &mut Option<T>, item: T) -> Option<()> {
    slot.replace(item).is_none().then_some(())
}

/// Inserts once; a duplicate key is not canonical.
fn insert<V>(map: &mut BTreeMap<String, V>, name: String, item: V) -> Option<()> {
    map.insert(name, item).is_none().then_some(())
}

#[derive(Default)]
struct SecretFields {
    keyring: Option<String>,
    owner: Option<String>,
    description: Option<String>,
    rotate_every: Option<String>,
    expires: Option<String>,
    tags: Option<BTreeMap<String, String>>,
    created: Option<String>,
    aliases: Option<BTreeMap<String, i64>>,
    audit: Option<String>,
    mac: Option<String>,
    versions: BTreeMap<String, FileVersion>,
}

impl SecretFields {
    fn take(&mut self, name: String, item: Value) -> Option<()> {
        match (name.as_str(), item) {
            ("tags", Value::Table(pairs)) => {
                let mut tags = BTreeMap::new();
                for (key, item) in pairs {
                    insert(&mut tags, key, text(item)?)?;
                }
                set(&mut self.tags, tags)
            }
            ("aliases", Value::Table(pairs)) => {
                let mut aliases = BTreeMap::new();
                for (key, item) in pairs {
                    let Value::Integer(number) = item else {
                        return None;
                    };
                    insert(&mut aliases, key, number)?;
                }
                set(&mut self.aliases, aliases)
            }
            (field, item) => {
                let item = text(item)?;
                match field {
                    "keyring" => set(&mut self.keyring, item),
                    "owner" => set(&mut self.owner, item),
                    "description" => set(&mut self.description, item),
                    "rotate_every" => set(&mut self.rotate_every, item),
                    "expires" => set(&mut self.expires, item),
                    "created" => set(&mut self.created, item),
                    "audit" => set(&mut self.audit, item),
                    "mac" => set(&mut self.mac, item),
                    _ => None,
                }
            }
        }
    }

    fn finish(self) -> Option<FileSecret> {
        Some(FileSecret {
            keyring: self.keyring?,
            owner: self.owner,
            description: self.description,
            rotate_every: self.rotate_every,
            expires: self.expires,
            tags: self.tags.unwrap_or_default(),
            created: self.created?,
            aliases: self.aliases.unwrap_or_default(),
            audit: self.audit?,
            mac: self.mac?,
            versions: self.versions,
        })
    }
}

/// The fields of one version table; any other field is not canonical.
#[derive(Default)]
struct VersionFields {
    state: Option<String>,
    created: Option<String>,
    author: Option<String>,
    dek: Option<String>,
    value: Option<String>,
}

impl VersionFields {
    fn take(&mut self, name: &str, item: String) -> Option<()> {
        match name {
            "state" => set(&mut self.state, item),
            "created" => set(&mut self.created, item),
            "author" => set(&mut self.author, item),
            "dek" => set(&mut self.dek, item),
            "value" => set(&mut self.value, item),
            _ => None,
        }
    }
}

/// Whether `name` is the greatest key of `secrets`: the secret being read, since the
/// file lists secrets in name order. One comparison instead of a search.
fn is_last(secrets: &BTreeMap<String, SecretFields>, name: &str) -> bool {
    secrets
        .last_key_value()
        .is_some_and(|(last, _)| last == name)
}

/// The fields of the secret `name`.
fn fields_of<'a>(
    secrets: &'a mut BTreeMap<String, SecretFields>,
    name: &str,
) -> Option<&'a mut SecretFields> {
    if is_last(secrets, name) {
        return secrets.last_entry().map(|entry| entry.into_mut());
    }
    secrets.get_mut(name)
}

/// Where the lines being read belong.
enum Table {
    Top,
    Principal(String),
    Keyring(String),
    Wrapped(String),
    IntegrityPrincipals,
    IntegrityKeyrings,
    Grant(String),
    Departed,
    Request(String),
    Secret(String),
    Version(String, String),
    /// A secret this read skips: only its `mac` line matters.
    Skipped(String),
}

/// Where the reader takes its lines from: the whole file in memory, or a stream.
trait Lines {
    /// The next line without its `\n`; `None` at the end.
    fn next_line(&mut self) -> Option<&str>;
    /// Passes over whole lines, unread, until one that starts with `[` (a table
    /// header), which `next_line` returns next: most of a large vault is the
    /// ciphertext of secrets a read does not need.
    fn skip_to_header(&mut self);
    /// May pass over whole lines that start neither with `[` nor with `mac = `: in a
    /// skipped secret's table only those two matter. Passing over none is correct too.
    fn skip_to_mac(&mut self) {}
}

/// The lines of a file held in memory.
struct Text<'a>(&'a str);

impl Lines for Text<'_> {
    fn next_line(&mut self) -> Option<&str> {
        let rest = self.0;
        if rest.is_empty() {
            return None;
        }
        let (line, after) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(end) => (&rest[..end], &rest[end + 1..]),
            None => (rest, ""),
        };
        self.0 = after;
        Some(line)
    }

    fn skip_to_header(&mut self) {
        if self.0.starts_with('[') {
            return;
        }
        self.0 = match memchr::memmem::find(self.0.as_bytes(), b"\n[") {
            Some(at) => &self.0[at + 1..],
            None => "",
        };
    }
}

/// The lines of a stream, one at a time, so a large vault is never held whole. A
/// read error, a line that is not UTF-8, a skipped line that is not ASCII (canonical
/// ciphertexts, times and names are) or more than `left` bytes end the lines early
/// and set `failed`: the caller then reads the file the general way, which says what
/// is wrong with it.
struct Stream<R> {
    reader: R,
    line: String,
    left: u64,
    failed: bool,
}

impl<R: BufRead> Stream<R> {
    /// Counts `length` bytes read against the limit.
    fn count(&mut self, length: usize) -> bool {
        match self.left.checked_sub(length as u64) {
            Some(left) => self.left = left,
            None => self.failed = true,
        }
        !self.failed
    }
}

impl<R: BufRead> Lines for Stream<R> {
    fn next_line(&mut self) -> Option<&str> {
        let mut bytes = std::mem::take(&mut self.line).into_bytes();
        bytes.clear();
        let mut any = false;
        while !self.failed {
            let Ok(buffer) = self.reader.fill_buf() else {
                self.failed = true;
                break;
            };
            if buffer.is_empty() {
                break;
            }
            any = true;
            let (length, used) = match memchr::memchr(b'\n', buffer) {
                Some(end) => (end, end + 1),
                None => (buffer.len(), buffer.len()),
            };
            bytes.extend_from_slice(&buffer[..length]);
            self.reader.consume(used);
            if !self.count(used) || length < used {
                break;
            }
        }
        match String::from_utf8(bytes) {
            Ok(line) => self.line = line,
            Err(_) => self.failed = true,
        }
        (any && !self.failed).then_some(self.line.as_str())
    }

    fn skip_to_mac(&mut self) {
        let mut line_start = true;
        while !self.failed {
            let Ok(buffer) = self.reader.fill_buf() else {
                self.failed = true;
                return;
            };
            // Where a line starts too close to the buffer's end to tell, or holds
            // anything but ASCII, `next_line` takes over.
            if line_start
                && (buffer.len() < 6 || buffer[0] == b'[' || buffer.starts_with(b"mac = "))
            {
                return;
            }
            let (length, ends_line) = match memchr::memchr(b'\n', buffer) {
                Some(end) => (end + 1, true),
                None => (buffer.len(), false),
            };
            if !buffer[..length].is_ascii() {
                return;
            }
            self.reader.consume(length);
            self.count(length);
            line_start = ends_line;
        }
    }

    fn skip_to_header(&mut self) {
        let mut line_start = true;
        while !self.failed {
            let Ok(buffer) = self.reader.fill_buf() else {
                self.failed = true;
                return;
            };
            if buffer.is_empty() || (line_start && buffer[0] == b'[') {
                return;
            }
            // Up to the next header in this buffer, else the whole buffer.
            let (length, done) = match memchr::memmem::find(buffer, b"\n[") {
                Some(at) => (at + 1, true),
                None => (buffer.len(), false),
            };
            if !buffer[..length].is_ascii() {
                self.failed = true;
                return;
            }
            line_start = buffer[length - 1] == b'\n';
            self.reader.consume(length);
            if !self.count(length) || done {
                return;
            }
        }
    }
}

/// `read` from a stream of at most `limit` bytes; `None` also when the stream could
/// not be read as canonical (see `Stream`).
pub(super) fn read_from(
    reader: impl BufRead,
    limit: u64,
    wanted: Option<&[&str]>,
) -> Option<FileVault> {
    let mut stream = Stream {
        reader,
        line: String::with_capacity(1024),
        left: limit,
        failed: false,
    };
    let file = read_lines(&mut stream, wanted)?;
    (!stream.failed).then_some(file)
}

/// Reads a canonical vault. `wanted` limits the secrets loaded in full (the others keep
/// only their MACs); `None` loads all. `None` back means "not canonical".
pub(super) fn read(source: &str, wanted: Option<&[&str]>) -> Option<FileVault> {
    read_lines(&mut Text(source), wanted)
}

fn read_lines(lines: &mut impl Lines, wanted: Option<&[&str]>) -> Option<FileVault> {
    // The header of the skipped secret being passed over, up to `.versions.`.
    let mut skipped_versions = String::new();
    let mut top: BTreeMap<String, Value> = BTreeMap::new();
    let mut policy = None;
    let mut principals: BTreeMap<String, [Option<String>; 2]> = BTreeMap::new();
    let mut keyrings: BTreeMap<String, FileKeyring> = BTreeMap::new();
    let mut integrity_principals = BTreeMap::new();
    let mut integrity_keyrings = BTreeMap::new();
    let mut grants: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut departed = BTreeMap::new();
    let mut requests: BTreeMap<String, [Option<String>; 2]> = BTreeMap::new();
    let mut secrets: BTreeMap<String, SecretFields> = BTreeMap::new();
    // In file order, which is name order: checked, so no map is needed.
    let mut unloaded: Vec<(String, Option<String>)> = Vec::new();
    let mut version = VersionFields::default();
    let mut table = Table::Top;

    let flush_version = |table: &Table,
                         version: &mut VersionFields,
                         secrets: &mut BTreeMap<String, SecretFields>|
     -> Option<()> {
        if let Table::Version(name, number) = table {
            let fields = std::mem::take(version);
            let item = FileVersion {
                state: fields.state?,
                created: fields.created?,
                author: fields.author?,
                dek: fields.dek,
                value: fields.value,
            };
            insert(
                &mut fields_of(secrets, name)?.versions,
                number.clone(),
                item,
            )?;
        }
        Some(())
    };

    while let Some(line) = lines.next_line() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if !skipped_versions.is_empty() && line.starts_with(skipped_versions.as_str()) {
            lines.skip_to_header();
            continue;
        }
        if line.starts_with('[') {
            flush_version(&table, &mut version, &mut secrets)?;
            let keys = header(line)?;
            let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
            table = match keys.as_slice() {
                ["principals", name] => {
                    insert(&mut principals, name.to_string(), [None, None])?;
                    Table::Principal(name.to_string())
                }
                ["keyrings", name] => {
                    let keyring = FileKeyring {
                        recipient: String::new(),
                        wrapped: BTreeMap::new(),
                    };
                    insert(&mut keyrings, name.to_string(), keyring)?;
                    Table::Keyring(name.to_string())
                }
                ["keyrings", name, "wrapped"] if keyrings.contains_key(*name) => {
                    Table::Wrapped(name.to_string())
                }
                ["integrity", "principals"] => Table::IntegrityPrincipals,
                ["integrity", "keyrings"] => Table::IntegrityKeyrings,
                ["grants", id] => {
                    insert(&mut grants, id.to_string(), BTreeMap::new())?;
                    Table::Grant(id.to_string())
                }
                ["departed"] => Table::Departed,
                ["requests", name] => {
                    insert(&mut requests, name.to_string(), [None, None])?;
                    Table::Request(name.to_string())
                }
                ["secrets", name] if wanted.is_none_or(|w| w.contains(name)) => {
                    insert(&mut secrets, name.to_string(), SecretFields::default())?;
                    Table::Secret(name.to_string())
                }
                ["secrets", name] => {
                    if unloaded
                        .last()
                        .is_some_and(|(last, _)| last.as_str() >= *name)
                    {
                        return None;
                    }
                    unloaded.push((name.to_string(), None));
                    skipped_versions.clear();
                    skipped_versions.push_str(line.strip_suffix(']')?);
                    skipped_versions.push_str(".versions.");
                    Table::Skipped(name.to_string())
                }
                ["secrets", name, "versions", number]
                    if is_last(&secrets, name) || secrets.contains_key(*name) =>
                {
                    Table::Version(name.to_string(), number.to_string())
                }
                ["secrets", name, "versions", _]
                    if unloaded.last().is_some_and(|(last, _)| last == name) =>
                {
                    Table::Skipped(String::new())
                }
                _ => return None,
            };
            if matches!(&table, Table::Skipped(name) if !name.is_empty()) {
                lines.skip_to_mac();
            }
            continue;
        }
        if let Table::Skipped(name) = &table {
            // Only the secret's own table holds its MAC; its versions are skipped whole.
            if !name.is_empty()
                && let Some(quoted) = line.strip_prefix("mac = ")
            {
                let (mac, after) = string(quoted)?;
                if !after.is_empty() {
                    return None;
                }
                let (last, slot) = unloaded.last_mut()?;
                if last != name {
                    return None;
                }
                set(slot, mac)?;
                lines.skip_to_header();
            }
            continue;
        }
        if matches!(table, Table::Top) && line == "policy = '''" {
            let mut text = String::new();
            loop {
                let next = lines.next_line()?;
                if next == "'''" {
                    break;
                }
                if next.contains("'''") {
                    return None;
                }
                text.push_str(next);
                text.push('\n');
            }
            set(&mut policy, text)?;
            continue;
        }
        let (name, item) = pair(line)?;
        match &table {
            Table::Top => insert(&mut top, name, item)?,
            Table::Principal(principal) => {
                let slot = principals.get_mut(principal)?;
                match name.as_str() {
                    "recipient" => set(&mut slot[0], text(item)?)?,
                    "added" => set(&mut slot[1], text(item)?)?,
                    _ => return None,
                }
            }
            Table::Keyring(keyring) => {
                let entry = keyrings.get_mut(keyring)?;
                if name != "recipient" || !entry.recipient.is_empty() {
                    return None;
                }
                entry.recipient = text(item)?;
            }
            Table::Wrapped(keyring) => {
                insert(&mut keyrings.get_mut(keyring)?.wrapped, name, text(item)?)?
            }
            Table::IntegrityPrincipals => insert(&mut integrity_principals, name, text(item)?)?,
            Table::IntegrityKeyrings => insert(&mut integrity_keyrings, name, text(item)?)?,
            Table::Grant(id) => insert(grants.get_mut(id)?, name, text(item)?)?,
            Table::Departed => insert(&mut departed, name, text(item)?)?,
            Table::Request(request) => {
                let slot = requests.get_mut(request)?;
                match name.as_str() {
                    "recipient" => set(&mut slot[0], text(item)?)?,
                    "requested" => set(&mut slot[1], text(item)?)?,
                    _ => return None,
                }
            }
            Table::Secret(secret) => fields_of(&mut secrets, secret)?.take(name, item)?,
            Table::Version(..) => version.take(&name, text(item)?)?,
            Table::Skipped(_) => {}
        }
    }
    flush_version(&table, &mut version, &mut secrets)?;

    let format = match top.remove("format")? {
        Value::Integer(format) => format,
        _ => return None,
    };
    let id = text(top.remove("id")?)?;
    let audit = top
        .remove("audit")
        .map(text)
        .map(|t| t.ok_or(()))
        .transpose()
        .ok()?;
    let mac = text(top.remove("mac")?)?;
    if !top.is_empty() {
        return None;
    }
    if keyrings.values().any(|k| k.recipient.is_empty()) {
        return None;
    }
    let mut file_grants = BTreeMap::new();
    for (id, mut fields) in grants {
        let grant = FileGrant {
            principal: fields.remove("principal")?,
            on: fields.remove("on")?,
            reason: fields.remove("reason")?,
            ticket: fields.remove("ticket")?,
            opened: fields.remove("opened")?,
            expires: fields.remove("expires")?,
            closed: fields.remove("closed"),
        };
        if !fields.is_empty() {
            return None;
        }
        file_grants.insert(id, grant);
    }
    let mut file_secrets = BTreeMap::new();
    for (name, fields) in secrets {
        file_secrets.insert(name, fields.finish()?);
    }
    let file_unloaded = unloaded
        .into_iter()
        .map(|(name, mac)| Some((name, mac?)))
        .collect::<Option<Vec<_>>>()?;
    Some(FileVault {
        format,
        id,
        audit,
        mac,
        policy: policy?,
        principals: principals
            .into_iter()
            .map(|(name, [recipient, added])| {
                Some((
                    name,
                    FilePrincipal {
                        recipient: recipient?,
                        added: added?,
                    },
                ))
            })
            .collect::<Option<_>>()?,
        keyrings,
        integrity: super::file::FileIntegrity {
            principals: integrity_principals,
            keyrings: integrity_keyrings,
        },
        grants: file_grants,
        departed,
        requests: requests
            .into_iter()
            .map(|(name, [recipient, requested])| {
                Some((
                    name,
                    FileRequest {
                        recipient: recipient?,
                        requested: requested?,
                    },
                ))
            })
            .collect::<Option<_>>()?,
        secrets: file_secrets,
        unloaded: file_unloaded,
    })
}
