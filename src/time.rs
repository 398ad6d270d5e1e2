//! Timestamps (RFC 3339, UTC, whole seconds) and durations (`90d`, `30m`, `1h30m`).

use crate::error::{Error, Result};
use std::time::Duration;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;

/// A point in time, kept to the millisecond (so two commands a moment apart are
/// ordered) and shown as RFC 3339 UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

const MILLIS: i64 = 1000;

/// The span RFC 3339 writes in UTC, 0000-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z.
/// A time outside it would be written as another time than the one read (or MACed).
const EARLIEST: i64 = -62_167_219_200_000;
const LATEST: i64 = 253_402_300_799_999;

impl Timestamp {
    pub fn now() -> Self {
        let nanos = OffsetDateTime::now_utc().unix_timestamp_nanos();
        Timestamp(i64::try_from(nanos / 1_000_000).unwrap_or(i64::MAX))
    }

    pub fn from_unix(seconds: i64) -> Self {
        Timestamp(seconds.saturating_mul(MILLIS).clamp(EARLIEST, LATEST))
    }

    /// Milliseconds since the Unix epoch.
    pub fn millis(self) -> i64 {
        self.0
    }

    /// Whole seconds since the Unix epoch.
    pub fn unix(self) -> i64 {
        self.0.div_euclid(MILLIS)
    }

    pub fn parse(text: &str) -> Result<Self> {
        let millis = OffsetDateTime::parse(text.trim(), &Rfc3339)
            .ok()
            .and_then(|moment| i64::try_from(moment.unix_timestamp_nanos() / 1_000_000).ok())
            .ok_or_else(|| {
                Error::usage(format!(
                    "'{text}' is not an RFC 3339 time such as 2027-01-31T00:00:00Z."
                ))
            })?;
        if (EARLIEST..=LATEST).contains(&millis) {
            Ok(Timestamp(millis))
        } else {
            Err(Error::usage(format!(
                "'{text}' falls outside the years 0000 to 9999 in UTC; give a time within them."
            )))
        }
    }

    /// `self` plus `duration`, at most the latest time tresor writes.
    pub fn plus(self, duration: Duration) -> Self {
        let millis = i64::try_from(duration.as_millis()).unwrap_or(i64::MAX);
        Timestamp(self.0.saturating_add(millis).min(LATEST))
    }

    /// Whole seconds from `earlier` to `self`, negative when `earlier` is later.
    pub fn seconds_since(self, earlier: Timestamp) -> i64 {
        self.0.saturating_sub(earlier.0) / MILLIS
    }
}

impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let moment = OffsetDateTime::from_unix_timestamp_nanos(i128::from(self.0) * 1_000_000)
            .unwrap_or(OffsetDateTime::UNIX_EPOCH);
        // Whole seconds print as people write them; a moment between keeps its milliseconds.
        let whole = self.0.rem_euclid(MILLIS) == 0;
        match general_format(moment, whole) {
            Some(text) => f.write_str(&text),
            None => write!(f, "@{}ms", self.0),
        }
    }
}

fn general_format(moment: OffsetDateTime, whole: bool) -> Option<String> {
    if whole {
        moment.format(&format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second]Z"
        ))
    } else {
        moment.format(&format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
        ))
    }
    .ok()
}

pub fn now_rfc3339() -> String {
    Timestamp::now().to_string()
}

/// Parses a duration such as `90d`, `12h`, `30m`, `1h30m`, `2w`.
pub fn parse_duration(text: &str) -> Result<Duration> {
    let duration = humantime::parse_duration(text.trim()).map_err(|_| {
        Error::usage(format!(
            "'{text}' is not a duration; write it like 90d, 12h, 30m or 1h30m."
        ))
    })?;
    if duration.is_zero() {
        return Err(Error::usage(format!(
            "The duration '{text}' is zero; give a positive one."
        )));
    }
    Ok(Duration::from_secs(duration.as_secs()))
}

/// A duration the way people read it, to the nearest unit: `90d`, `2h`, `5m`, `12s`.
pub fn format_duration(seconds: i64) -> String {
    let magnitude = seconds.unsigned_abs();
    let nearest = |unit: u64| (magnitude + unit / 2) / unit;
    let (value, unit) = match magnitude {
        s if s >= 86_400 - 1_800 => (nearest(86_400), "d"),
        s if s >= 3_600 - 30 => (nearest(3_600), "h"),
        s if s >= 60 => (nearest(60), "m"),
        s => (s, "s"),
    };
    let sign = if seconds < 0 { "-" } else { "" };
    format!("{sign}{value}{unit}")
}

/// Either an RFC 3339 time or a duration from now (for `--expires`).
pub fn parse_time_or_duration(text: &str) -> Result<Timestamp> {
    match Timestamp::parse(text) {
        Ok(moment) => return Ok(moment),
        // A well-formed time out of range: say so, not that it is no time at all.
        Err(err) if OffsetDateTime::parse(text.trim(), &Rfc3339).is_ok() => return Err(err),
        Err(_) => {}
    }
    parse_duration(text)
        .map(|duration| Timestamp::now().plus(duration))
        .map_err(|_| {
            Error::usage(format!(
                "'{text}' is neither an RFC 3339 time (2027-01-31T00:00:00Z) nor a duration (90d)."
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_rfc3339() {
        let moment = Timestamp::parse("2026-11-22T13:20:57Z").unwrap();
        assert_eq!(moment.to_string(), "2026-11-22T13:20:57Z");
        assert_eq!(
            Timestamp::parse("2026-11-22T13:20:57.25Z")
                .unwrap()
                .to_string(),
            "2026-11-22T13:20:57.250Z"
        );
        assert_eq!(
            Timestamp::parse("2026-11-22T14:20:57+01:00").unwrap(),
            moment
        );
    }

    #[test]
    fn every_time_held_prints_as_itself() {
        // 9999-12-31T23:59:59-23:59 is in year 10000 in UTC: once written as 1970.
        for text in ["9999-12-31T23:59:59-23:59", "0000-01-01T00:00:00+00:01"] {
            let err = Timestamp::parse(text).unwrap_err();
            assert!(err.message().contains("0000 to 9999"), "{err}");
        }
        let far = Timestamp::now().plus(Duration::from_secs(u64::MAX));
        let near = Timestamp::parse("2026-11-22T00:00:00Z").unwrap();
        for moment in [
            far,
            near.plus(parse_duration("1000000000d").unwrap()),
            Timestamp::from_unix(i64::MAX),
            Timestamp::from_unix(i64::MIN),
            Timestamp::parse("9999-12-31T23:59:59.999Z").unwrap(),
            Timestamp::parse("0000-01-01T00:00:00Z").unwrap(),
            Timestamp::parse("0000-01-01T00:00:00-23:59").unwrap(),
        ] {
            assert_eq!(Timestamp::parse(&moment.to_string()).unwrap(), moment);
        }
        assert_eq!(far.to_string(), "9999-12-31T23:59:59.999Z");
        let err = parse_time_or_duration("9999-12-31T23:59:59-23:59").unwrap_err();
        assert!(err.message().contains("0000 to 9999"), "{err}");
        assert_eq!(
            parse_time_or_duration("99999999999d").unwrap(),
            Timestamp(LATEST)
        );
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90d").unwrap().as_secs(), 90 * 86_400);
        assert_eq!(parse_duration("1h30m").unwrap().as_secs(), 5_400);
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("0s").is_err());
        assert_eq!(format_duration(90 * 86_400), "90d");
        assert_eq!(format_duration(-120), "-2m");
        assert_eq!(format_duration(90 * 86_400 - 3), "90d");
        assert_eq!(format_duration(3_599), "1h");
    }
}
