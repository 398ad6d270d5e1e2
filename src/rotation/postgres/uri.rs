//! Connection URIs: `postgresql://user:password@host[:port]/db` and the unix-socket
//! form `postgresql://user:password@/db?host=/socket/folder`. The connection is not
//! encrypted (there is no TLS here), so only a unix socket or a loopback address is
//! accepted: the SQL that creates a role carries its password's verifier.

use crate::crypto::SecretBytes;
use crate::error::{Error, Result};
use crate::rotation::password::Password;
use crate::rotation::role::RoleName;
use postgres::config::{Host, SslMode};
use std::net::IpAddr;
use std::time::Duration;
use zeroize::Zeroizing;

/// How long a connection attempt may take before it is an error.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

const SHAPE: &str =
    "postgresql://USER:PASSWORD@HOST/DB, or postgresql://USER:PASSWORD@/DB?host=/socket/folder";

/// Parses a URI into the client's configuration. The parser's own message is never
/// shown: it can quote a character of the URI, and the URI holds a password.
pub(super) fn parse(uri: &str) -> Result<postgres::Config> {
    let uri = uri.trim();
    if !(uri.starts_with("postgresql://") || uri.starts_with("postgres://")) {
        return Err(Error::usage(format!(
            "The connection URI does not start with postgresql://; write it as {SHAPE}."
        )));
    }
    let mut config: postgres::Config = uri.parse().map_err(|_| {
        Error::usage(format!(
            "The connection URI is not valid; write it as {SHAPE}."
        ))
    })?;
    let user = config.get_user().unwrap_or_default();
    if user.is_empty() {
        return Err(Error::usage(format!(
            "The connection URI names no user; write it as {SHAPE}."
        )));
    }
    check_local(&config)?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    config.application_name("tresor");
    Ok(config)
}

/// Refuses a host the unencrypted connection could be read on the way to.
fn check_local(config: &postgres::Config) -> Result<()> {
    if config.get_hosts().is_empty() && config.get_hostaddrs().is_empty() {
        return Err(Error::usage(format!(
            "The connection URI names no host; write it as {SHAPE}."
        )));
    }
    if config.get_ssl_mode() == SslMode::Require {
        return Err(Error::usage(
            "The connection URI asks for TLS (sslmode=require), which tresor does not speak yet; connect over a unix socket or a loopback address.",
        ));
    }
    let remote = config
        .get_hosts()
        .iter()
        .find_map(|host| match host {
            Host::Tcp(name) if !is_loopback(name) => Some(name.clone()),
            _ => None,
        })
        .or_else(|| {
            let addresses = config.get_hostaddrs().iter();
            addresses
                .filter(|address| !address.is_loopback())
                .map(IpAddr::to_string)
                .next()
        });
    match remote {
        Some(host) => Err(Error::usage(format!(
            "The connection URI names the host {host}: without TLS tresor only connects over a unix socket or a loopback address (localhost, 127.0.0.1, ::1)."
        ))),
        None => Ok(()),
    }
}

fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare
            .parse::<IpAddr>()
            .is_ok_and(|address| address.is_loopback())
}

/// Where a connection goes, for messages: `the database app at /run/postgresql`.
pub(super) fn place(config: &postgres::Config) -> String {
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .map(|host| match host {
            Host::Tcp(name) => name.clone(),
            Host::Unix(folder) => folder.display().to_string(),
        })
        .chain(config.get_hostaddrs().iter().map(IpAddr::to_string))
        .collect();
    let database = config
        .get_dbname()
        .or(config.get_user())
        .unwrap_or_default();
    format!("the database {database} at {}", hosts.join(","))
}

/// Where a connection goes and as whom, never with its password.
pub(super) fn endpoint(config: &postgres::Config) -> String {
    let user = config.get_user().unwrap_or_default();
    format!("{} as {user}", place(config))
}

/// The admin's URI with its user and password replaced by `role`'s: the same host,
/// port, database and options, so a login reaches the database the admin manages.
/// Roles are plain identifiers and passwords letters and digits, so neither needs
/// escaping.
pub fn with_login(admin: &str, role: &RoleName, password: &Password) -> Result<SecretBytes> {
    let admin = admin.trim();
    parse(admin)?;
    let (scheme, rest) = admin.split_once("://").ok_or_else(|| {
        Error::usage(format!(
            "The connection URI is not valid; write it as {SHAPE}."
        ))
    })?;
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let at = rest[..authority_end].rfind('@').ok_or_else(|| {
        Error::usage(format!(
            "The connection URI names no user; write it as {SHAPE}."
        ))
    })?;
    let mut uri = Zeroizing::new(Vec::with_capacity(admin.len() + 64));
    uri.extend_from_slice(scheme.as_bytes());
    uri.extend_from_slice(b"://");
    uri.extend_from_slice(role.as_str().as_bytes());
    uri.push(b':');
    uri.extend_from_slice(password.expose());
    uri.extend_from_slice(&rest.as_bytes()[at..]);
    Ok(SecretBytes::from(uri))
}

/// The user a URI logs in as, if it parses; never its password.
pub fn user(uri: &str) -> Option<String> {
    parse(uri).ok()?.get_user().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_login_uri_keeps_the_admin_place_and_options() {
        let role: RoleName = "app_v3".parse().unwrap();
        let password = Password::generate().unwrap();
        let plain = std::str::from_utf8(password.expose()).unwrap().to_string();
        for (admin, expected) in [
            (
                format!("postgresql://rotator:{PASSWORD}@localhost:6543/app"),
                format!("postgresql://app_v3:{plain}@localhost:6543/app"),
            ),
            (
                format!("postgres://rot%40tor:p%2F{PASSWORD}@/app?host=/run/pg@x"),
                format!("postgres://app_v3:{plain}@/app?host=/run/pg@x"),
            ),
        ] {
            let uri = with_login(&admin, &role, &password).unwrap();
            let uri = std::str::from_utf8(uri.expose()).unwrap();
            assert_eq!(uri, expected);
            assert_eq!(user(uri).as_deref(), Some("app_v3"));
        }
        let err = with_login("postgresql://db.example.com/app", &role, &password).unwrap_err();
        assert!(err.message().contains("names no user"), "{}", err.message());
    }

    const PASSWORD: &str = "Pw0rdQ7zK";

    #[test]
    fn tcp_loopback_and_unix_sockets_are_accepted() {
        for uri in [
            format!("postgresql://rotator:{PASSWORD}@localhost/app"),
            format!("postgres://rotator:{PASSWORD}@127.0.0.1:6543/app"),
            format!("postgresql://rotator:{PASSWORD}@[::1]/app"),
            format!("postgresql://rotator:{PASSWORD}@/app?host=/run/postgresql"),
            format!("postgresql://rotator:{PASSWORD}@%2Frun%2Fpostgresql/app"),
        ] {
            let config = parse(&uri).unwrap();
            assert_eq!(config.get_user(), Some("rotator"));
            assert_eq!(config.get_password(), Some(PASSWORD.as_bytes()));
            assert_eq!(config.get_dbname(), Some("app"));
            let shown = endpoint(&config);
            assert!(shown.starts_with("the database app at "), "{shown}");
            assert!(!shown.contains(PASSWORD));
            assert!(!format!("{config:?}").contains(PASSWORD));
        }
        let unix = parse("postgresql://u:p@/app?host=/run/postgresql").unwrap();
        assert_eq!(endpoint(&unix), "the database app at /run/postgresql as u");
    }

    #[test]
    fn a_bad_or_remote_uri_is_one_sentence_without_its_password() {
        let cases = [
            (
                format!("mysql://root:{PASSWORD}@localhost/app"),
                "does not start with postgresql://",
            ),
            (
                format!("host=localhost user=rotator password={PASSWORD}"),
                "does not start with postgresql://",
            ),
            (
                format!("postgresql://rotator:{PASSWORD}@localhost:port/app"),
                "is not valid",
            ),
            (
                format!("postgresql://rotator:{PASSWORD}@localhost/app?{PASSWORD}=1"),
                "is not valid",
            ),
            (
                format!("postgresql://:{PASSWORD}@localhost/app"),
                "names no user",
            ),
            (
                format!("postgresql://rotator:{PASSWORD}@/app"),
                "names no host",
            ),
            (
                format!("postgresql://rotator:{PASSWORD}@db.example.com/app"),
                "names the host db.example.com",
            ),
            (
                format!("postgresql://rotator:{PASSWORD}@10.0.0.5/app"),
                "names the host 10.0.0.5",
            ),
            (
                format!("postgresql://rotator:{PASSWORD}@localhost/app?sslmode=require"),
                "sslmode=require",
            ),
        ];
        for (uri, reason) in cases {
            let err = parse(&uri).unwrap_err();
            assert!(err.message().contains(reason), "{uri}: {}", err.message());
            assert!(!err.message().contains(PASSWORD), "{}", err.message());
            assert_eq!(err.message().matches(". ").count(), 0, "{}", err.message());
        }
    }
}
