//! A fast reader for the vault exactly as `format::render` writes it: line by line,
//! no general TOML machinery, and able to skip the secrets a command does not need
//! (keeping only their MACs). Anything it does not recognise as canonical, it declines
//! (`None`) and the general TOML reader takes over, so a hand-edited but valid file still
//! opens, and both readers feed the same `file::convert`.

use super::Unloaded;
use super::file::{
    FileGrant, FileKeyring, FilePrincipal, FileRequest, FileSecret, FileVault, FileVersion,
};
use super::lines::{Lines, Stream, Text};
use std::collections::BTreeMap;
use std::io::Read;

mod syntax;
use syntax::{Value, header, needs_escape, pair, plain_secret_header, text};

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
    /// A secret this read skips: in its own table (`true`) only the `mac` line
    /// matters; its versions' tables (`false`) are passed over whole.
    Skipped(bool),
}

/// `read` from a stream of at most `limit` bytes, through a buffer of `capacity` bytes
/// (grown for a longer line); `None` also when the stream could not be read as
/// canonical (see `Stream`).
pub(super) fn read_from(
    reader: impl Read,
    capacity: usize,
    limit: u64,
    wanted: Option<&[&str]>,
) -> Option<FileVault> {
    let mut stream = Stream::new(reader, capacity, limit, 0);
    let file = read_lines(&mut stream, wanted, false)?;
    (!stream.failed()).then_some(file)
}

/// `read_from` of a large vault on two threads: `first` holds its bytes up to `split`,
/// where a secret's header starts (see `secret_boundary`), and `second` those from
/// there on. Each half is read as `read_from` reads it; `None` when either half is not
/// canonical or they do not join in name order.
pub(super) fn read_halves(
    first: impl Read + Send,
    second: impl Read + Send,
    split: u64,
    capacity: usize,
    wanted: &[&str],
) -> Option<FileVault> {
    std::thread::scope(|scope| {
        let later = scope.spawn(|| {
            let mut stream = Stream::new(second, capacity, u64::MAX, split);
            let secrets = read_lines(&mut stream, Some(wanted), true)?;
            (!stream.failed()).then_some(secrets)
        });
        let head = read_from(first, capacity, u64::MAX, Some(wanted));
        let rest = later.join().ok()??;
        let mut head = head?;
        let last = head
            .secrets
            .keys()
            .last()
            .map(String::as_str)
            .max(head.unloaded.last_name());
        let first = [
            rest.secrets.keys().next().map(String::as_str),
            rest.unloaded.first_name(),
        ]
        .into_iter()
        .flatten()
        .min();
        if last.zip(first).is_some_and(|(last, first)| last >= first) {
            return None;
        }
        head.secrets.extend(rest.secrets);
        head.unloaded.append(rest.unloaded)?;
        Some(head)
    })
}

/// Where in `window` (bytes from the middle of a vault) a secret's own header starts
/// a line: where `read_halves` can split the file.
pub(super) fn secret_boundary(window: &[u8]) -> Option<usize> {
    let finder = memchr::memmem::Finder::new(b"\n[secrets.");
    finder.find_iter(window).find_map(|at| {
        let line = &window[at + 1..];
        let end = memchr::memchr(b'\n', line)?;
        let line = std::str::from_utf8(&line[..end]).ok()?;
        plain_secret_header(line).map(|_| at + 1)
    })
}

/// Reads a canonical vault. `wanted` limits the secrets loaded in full (the others keep
/// only their MACs); `None` loads all. `None` back means "not canonical".
pub(super) fn read(source: &str, wanted: Option<&[&str]>) -> Option<FileVault> {
    read_lines(&mut Text::new(source), wanted, false)
}

/// The secret a read is passing over.
#[derive(Default)]
struct Skipping {
    name: String,
    /// Its header up to `.versions.`: how its versions' headers start.
    versions: String,
    /// Where its header starts in the file.
    start: u64,
    /// Whether its span in the file is still open: it ends where the next table does
    /// not belong to it.
    open: bool,
}

impl Skipping {
    /// Starts passing over the secret `name`, whose header is `line`, at `start`.
    fn begin(&mut self, name: &str, line: &str, start: u64, unloaded: &Unloaded) -> Option<Table> {
        if unloaded.last_name().is_some_and(|last| last >= name) {
            return None;
        }
        self.name.clear();
        self.name.push_str(name);
        self.versions.clear();
        self.versions.push_str(line.strip_suffix(']')?);
        self.versions.push_str(".versions.");
        self.start = start;
        Some(Table::Skipped(true))
    }

    /// Keeps the MAC of the secret being passed over; its versions' tables come next.
    fn found_mac(&mut self, mac: &str, unloaded: &mut Unloaded) -> Option<Table> {
        unloaded.push(&self.name, mac, self.start)?;
        self.open = true;
        Some(Table::Skipped(false))
    }
}

/// Reads the vault's lines; with `only_secrets`, lines that hold nothing but secrets
/// (the second half of a vault, see `read_halves`), returned with an empty head.
fn read_lines(
    lines: &mut impl Lines,
    wanted: Option<&[&str]>,
    only_secrets: bool,
) -> Option<FileVault> {
    let mut skipping = Skipping::default();
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
    let mut unloaded = Unloaded::default();
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

    loop {
        let at = lines.offset();
        let Some(line) = lines.next_line() else {
            break;
        };
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if matches!(table, Table::Skipped(false)) && line.starts_with(skipping.versions.as_str()) {
            lines.skip_to_header();
            continue;
        }
        if line.starts_with('[') {
            if matches!(table, Table::Skipped(true)) {
                return None; // a skipped secret without its MAC
            }
            flush_version(&table, &mut version, &mut secrets)?;
            if skipping.open {
                unloaded.close(at);
                skipping.open = false;
            }
            if let Some(name) = plain_secret_header(line)
                && wanted.is_some_and(|wanted| !wanted.contains(&name))
            {
                table = skipping.begin(name, line, at, &unloaded)?;
                if let Some(mac) = lines.pass_secret(&skipping.versions) {
                    table = skipping.found_mac(mac, &mut unloaded)?;
                } else {
                    lines.skip_to_mac();
                }
                continue;
            }
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
                ["secrets", name] => skipping.begin(name, line, at, &unloaded)?,
                ["secrets", name, "versions", number]
                    if is_last(&secrets, name) || secrets.contains_key(*name) =>
                {
                    Table::Version(name.to_string(), number.to_string())
                }
                _ => return None,
            };
            if matches!(table, Table::Skipped(true)) {
                lines.skip_to_mac();
            }
            continue;
        }
        if let Table::Skipped(own_table) = table {
            // Only the secret's own table holds its MAC; its versions are skipped whole.
            if own_table && let Some(quoted) = line.strip_prefix("mac = ") {
                let mac = quoted.strip_prefix('"')?.strip_suffix('"')?;
                if needs_escape(mac) {
                    return None;
                }
                table = skipping.found_mac(mac, &mut unloaded)?;
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
    if matches!(table, Table::Skipped(true)) {
        return None;
    }
    if skipping.open {
        unloaded.close(lines.offset());
    }
    flush_version(&table, &mut version, &mut secrets)?;

    if only_secrets {
        let nothing_else = top.is_empty()
            && policy.is_none()
            && principals.is_empty()
            && keyrings.is_empty()
            && integrity_principals.is_empty()
            && integrity_keyrings.is_empty()
            && grants.is_empty()
            && departed.is_empty()
            && requests.is_empty();
        if !nothing_else {
            return None;
        }
        top.insert("format".into(), Value::Integer(0));
        top.insert("id".into(), Value::Text(String::new()));
        top.insert("mac".into(), Value::Text(String::new()));
        policy = Some(String::new());
    }
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
        unloaded,
    })
}
