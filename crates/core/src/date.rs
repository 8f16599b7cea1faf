//! Dates as writers type them: unquoted TOML datetimes or RFC 3339 strings.
//!
//! The `toml` crate hands unquoted datetimes to serde as a private map that chrono cannot read,
//! so raw files hold a [`RawDate`] and conversion to chrono happens during validation, where a
//! datetime without an offset is rejected with a message instead of being guessed.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// An IANA time zone such as `Europe/Berlin`: the zone of `site.timezone`, in which dates are
/// shown to readers and relative dates (`today`) are resolved.
///
/// A copydesk type rather than `chrono_tz::Tz`, so that upgrading the time zone database crate
/// is not a change of this API.
///
/// ```
/// use copydesk::Timezone;
/// use copydesk::chrono::{TimeZone, Utc};
///
/// let berlin: Timezone = "Europe/Berlin".parse().expect("a zone of the IANA database");
/// let noon = Utc.with_ymd_and_hms(2026, 5, 6, 12, 0, 0).single().expect("a valid UTC time");
/// assert_eq!(berlin.localize(&noon).to_rfc3339(), "2026-05-06T14:00:00+02:00");
/// assert_eq!(berlin.to_string(), "Europe/Berlin");
/// assert!("Mars/Olympus".parse::<Timezone>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Timezone(pub(crate) chrono_tz::Tz);

impl Timezone {
    /// Coordinated Universal Time, the default of `site.timezone`.
    pub const UTC: Timezone = Timezone(chrono_tz::UTC);

    /// The zone's IANA name (`Europe/Berlin`).
    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// `time` as a local time in this zone, with the zone's offset at that moment.
    pub fn localize<Z: chrono::TimeZone>(self, time: &DateTime<Z>) -> DateTime<FixedOffset> {
        time.with_timezone(&self.0).fixed_offset()
    }
}

impl fmt::Display for Timezone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A time zone name that is not in the IANA database.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an IANA time zone such as `Europe/Berlin`")]
pub struct UnknownTimezone(pub String);

impl std::str::FromStr for Timezone {
    type Err = UnknownTimezone;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        name.parse::<chrono_tz::Tz>()
            .map(Timezone)
            .map_err(|_| UnknownTimezone(name.to_owned()))
    }
}

/// A date or datetime exactly as written in a TOML file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged, expecting = "an RFC 3339 datetime like 2026-05-06T14:25:00Z")]
pub enum RawDate {
    /// An unquoted TOML date or datetime.
    Toml(toml::value::Datetime),
    /// A quoted string.
    Text(String),
}

impl schemars::JsonSchema for RawDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An RFC 3339 datetime with an offset (2026-05-06T14:25:00Z), quoted or as a TOML datetime; some fields also take a date (2025-01-21).",
            "type": "string",
            "anyOf": [{ "format": "date-time" }, { "format": "date" }]
        })
    }
}

impl fmt::Display for RawDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RawDate::Toml(datetime) => write!(f, "{datetime}"),
            RawDate::Text(text) => f.write_str(text),
        }
    }
}

/// Why a date could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// A date and time without `Z` or `+hh:mm`.
    #[error("datetime `{0}` has no offset; add `Z` for UTC or an offset like `+02:00`")]
    MissingOffset(String),
    /// A date where a time is required.
    #[error("`{0}` is a date without a time; write a datetime like `{0}T09:00:00Z`")]
    DateOnly(String),
    /// Not a date in a supported format.
    #[error("`{0}` is not an RFC 3339 datetime like 2026-05-06T14:25:00Z")]
    Unrecognised(String),
}

/// A calendar date or a full datetime, for fields that accept either (a source's `published`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(untagged)]
pub enum DateOrDateTime {
    /// A calendar date.
    Date(NaiveDate),
    /// A datetime with its offset.
    DateTime(DateTime<FixedOffset>),
}

impl DateOrDateTime {
    /// The calendar date, in the datetime's own offset.
    pub fn date(&self) -> NaiveDate {
        match self {
            DateOrDateTime::Date(date) => *date,
            DateOrDateTime::DateTime(datetime) => datetime.date_naive(),
        }
    }
}

impl fmt::Display for DateOrDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateOrDateTime::Date(date) => write!(f, "{}", date.format("%Y-%m-%d")),
            DateOrDateTime::DateTime(datetime) => f.write_str(&datetime.to_rfc3339()),
        }
    }
}

/// A day or moment typed on a command line (`copydesk new-article --date`): an RFC 3339
/// datetime, a calendar date alone, or `today`, `yesterday` or `tomorrow`.
///
/// A day named without a time (a date or one of the words) means the start of that day,
/// 00:00, in the newsroom's time zone (`site.timezone`), so `--date 2026-05-06` files the
/// article under 2026/05/06 whatever the zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DateArg {
    /// A datetime with its offset.
    At(DateTime<FixedOffset>),
    /// A calendar date.
    Day(NaiveDate),
    /// A day relative to the current date in the newsroom's zone: -1 yesterday, 0 today,
    /// 1 tomorrow.
    Relative(i8),
}

/// Why a `--date` value could not be read; the message lists what is accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a date; use a date like 2026-05-06 (the start of the day in the newsroom's time zone), an RFC 3339 datetime like 2026-05-06T14:25:00Z, or `today`, `yesterday` or `tomorrow`"
)]
pub struct DateArgError(pub String);

impl std::str::FromStr for DateArg {
    type Err = DateArgError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let trimmed = text.trim();
        match trimmed.to_ascii_lowercase().as_str() {
            "today" => return Ok(DateArg::Relative(0)),
            "yesterday" => return Ok(DateArg::Relative(-1)),
            "tomorrow" => return Ok(DateArg::Relative(1)),
            _ => {}
        }
        if let Ok(datetime) = DateTime::parse_from_rfc3339(trimmed) {
            return Ok(DateArg::At(datetime));
        }
        NaiveDate::parse_from_str(trimmed, "%Y-%m-%d")
            .map(DateArg::Day)
            .map_err(|_| DateArgError(text.to_string()))
    }
}

impl DateArg {
    /// The moment this names: a datetime as given; a day at its start in `zone`, with `now`
    /// deciding which day `today`, `yesterday` and `tomorrow` are.
    pub fn resolve(self, now: DateTime<chrono::Utc>, zone: Timezone) -> DateTime<FixedOffset> {
        let zone = zone.0;
        let day = match self {
            DateArg::At(datetime) => return datetime,
            DateArg::Day(day) => day,
            DateArg::Relative(days) => {
                let today = now.with_timezone(&zone).date_naive();
                today
                    .checked_add_signed(chrono::TimeDelta::days(i64::from(days)))
                    .unwrap_or(today)
            }
        };
        start_of_day(day, zone)
    }
}

/// The first moment of `day` in `zone`. Where a daylight-saving change skips midnight, the
/// first hour of the day that exists; UTC midnight if the zone has none (it always has one).
fn start_of_day(day: NaiveDate, zone: chrono_tz::Tz) -> DateTime<FixedOffset> {
    use chrono::TimeZone as _;
    (0..24)
        .find_map(|hour| {
            let local = day.and_hms_opt(hour, 0, 0)?;
            zone.from_local_datetime(&local).earliest()
        })
        .map_or_else(
            || {
                day.and_time(chrono::NaiveTime::MIN)
                    .and_utc()
                    .fixed_offset()
            },
            |start| start.fixed_offset(),
        )
}

impl RawDate {
    fn parts(&self) -> Result<toml::value::Datetime, DateError> {
        match self {
            RawDate::Toml(datetime) => Ok(*datetime),
            RawDate::Text(text) => text
                .trim()
                .parse::<toml::value::Datetime>()
                .map_err(|_| DateError::Unrecognised(text.clone())),
        }
    }

    /// Reads a datetime with an offset.
    pub fn to_datetime(&self) -> Result<DateTime<FixedOffset>, DateError> {
        let parts = self.parts()?;
        let written = self.to_string();
        match (parts.date, parts.time, parts.offset) {
            (Some(_), Some(_), Some(_)) => DateTime::parse_from_rfc3339(&parts.to_string())
                .map_err(|_| DateError::Unrecognised(written)),
            (Some(_), Some(_), None) => Err(DateError::MissingOffset(written)),
            (Some(_), None, _) => Err(DateError::DateOnly(written)),
            _ => Err(DateError::Unrecognised(written)),
        }
    }

    /// Reads a date, or a datetime with an offset.
    pub fn to_date_or_datetime(&self) -> Result<DateOrDateTime, DateError> {
        let parts = self.parts()?;
        match (parts.date, parts.time) {
            (Some(date), None) => NaiveDate::from_ymd_opt(
                i32::from(date.year),
                u32::from(date.month),
                u32::from(date.day),
            )
            .map(DateOrDateTime::Date)
            .ok_or_else(|| DateError::Unrecognised(self.to_string())),
            _ => self.to_datetime().map(DateOrDateTime::DateTime),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toml_date(text: &str) -> RawDate {
        RawDate::Toml(text.parse().expect("valid toml datetime"))
    }

    #[test]
    fn accepts_unquoted_and_quoted_datetimes_with_offsets() {
        let expected = DateTime::parse_from_rfc3339("2026-05-06T14:25:00Z").expect("valid");
        assert_eq!(
            toml_date("2026-05-06T14:25:00Z").to_datetime(),
            Ok(expected)
        );
        assert_eq!(
            RawDate::Text("2026-05-06T16:25:00+02:00".into()).to_datetime(),
            Ok(expected)
        );
    }

    #[test]
    fn rejects_datetimes_without_offset_and_prose_dates() {
        assert!(matches!(
            toml_date("2026-05-06T14:25:00").to_datetime(),
            Err(DateError::MissingOffset(_))
        ));
        assert!(matches!(
            RawDate::Text("May 6, 2026".into()).to_datetime(),
            Err(DateError::Unrecognised(_))
        ));
        assert!(matches!(
            toml_date("2026-05-06").to_datetime(),
            Err(DateError::DateOnly(_))
        ));
    }

    #[test]
    fn command_line_dates() {
        let now = DateTime::parse_from_rfc3339("2026-05-06T23:30:00Z")
            .expect("valid")
            .to_utc();
        let paris = Timezone(chrono_tz::Europe::Paris);
        let resolve = |text: &str| {
            text.parse::<DateArg>()
                .map(|date| date.resolve(now, paris).to_rfc3339())
        };
        assert_eq!(
            resolve("2026-05-06T14:25:00Z"),
            Ok("2026-05-06T14:25:00+00:00".into())
        );
        assert_eq!(
            resolve("2026-05-06"),
            Ok("2026-05-06T00:00:00+02:00".into())
        );
        // 23:30 UTC is already the 7th in Paris.
        assert_eq!(resolve("today"), Ok("2026-05-07T00:00:00+02:00".into()));
        assert_eq!(resolve("Yesterday"), Ok("2026-05-06T00:00:00+02:00".into()));
        assert_eq!(resolve("tomorrow"), Ok("2026-05-08T00:00:00+02:00".into()));
        for bad in [
            "2026-13-01",
            "May 6",
            "",
            "2026-05-06T14:25:00",
            "last week",
        ] {
            let error = resolve(bad).expect_err(bad);
            assert!(error.to_string().contains("like 2026-05-06"), "{error}");
        }
        // Midnight does not exist in Santiago on the day clocks go forward.
        let santiago = Timezone(chrono_tz::America::Santiago);
        let day = "2026-09-06".parse::<DateArg>().expect("date");
        assert_eq!(
            day.resolve(now, santiago).to_rfc3339(),
            "2026-09-06T01:00:00-03:00"
        );
    }

    #[test]
    fn dates_only_where_allowed() {
        assert_eq!(
            toml_date("2025-01-21").to_date_or_datetime(),
            Ok(DateOrDateTime::Date(
                NaiveDate::from_ymd_opt(2025, 1, 21).expect("valid")
            ))
        );
    }
}
