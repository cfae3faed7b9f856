//! A meeting's `recurrence` object (type 8, "recurring with a fixed time"): checked as the
//! reference describes it, and turned into the occurrences `GET /meetings/{id}` lists.
//!
//! Zoom's rules (Create a meeting, `recurrence`): `type` 1 daily, 2 weekly, 3 monthly
//! (required); `repeat_interval` at most 90 days, 12 weeks or 3 months; `weekly_days` a comma
//! list of 1 (Sunday) to 7 (Saturday), needed for weekly; `monthly_day` 1-31, or
//! `monthly_week` (-1 last, 1-4) with `monthly_week_day` (1-7); `end_times` at most 60, or
//! `end_date_time` (UTC), not both; with neither, one occurrence. Occurrences are computed in
//! the meeting's time zone, so "every Monday at 09:00" stays at 09:00 across daylight saving.

use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;
use serde_json::{Map, Value, json};

/// The most occurrences a series has (`end_times` maximum; a series that runs to an
/// `end_date_time` is cut there too).
pub const MAX_OCCURRENCES: usize = 60;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rule {
    Daily,
    /// Days of the week, Sunday = 1 as Zoom counts them, ascending, no repeats.
    Weekly(Vec<i8>),
    /// On this day of the month (a shorter month uses its last day).
    MonthlyDay(i8),
    /// On the `week`-th (`-1` the last) `weekday` (1 = Sunday) of the month.
    MonthlyWeekday {
        week: i8,
        weekday: i8,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum End {
    Times(u32),
    /// Unix seconds.
    Until(i64),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recurrence {
    pub rule: Rule,
    pub interval: u32,
    pub end: End,
}

/// Checks a `recurrence` value. `Err` holds every field in error, as `recurrence.<field>`.
/// `start` (Unix seconds) is the series' first moment, for `end_date_time` to be after it.
pub fn parse(value: &Value, start: i64) -> Result<Recurrence, Vec<String>> {
    let Value::Object(r) = value else {
        return Err(vec!["recurrence".into()]);
    };
    let mut errors = vec![];
    let bad = |errors: &mut Vec<String>, field: &str| errors.push(format!("recurrence.{field}"));
    let int = |field: &str| -> Result<Option<i64>, ()> {
        match r.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v.as_i64().map(Some).ok_or(()),
        }
    };
    let kind = match int("type") {
        Ok(Some(k @ 1..=3)) => Some(k),
        _ => {
            bad(&mut errors, "type");
            None
        }
    };
    let max_interval = match kind {
        Some(1) => 90,
        Some(2) => 12,
        _ => 3,
    };
    let interval = match int("repeat_interval") {
        Ok(None) => 1,
        Ok(Some(n)) if (1..=max_interval).contains(&n) => n as u32,
        _ => {
            bad(&mut errors, "repeat_interval");
            1
        }
    };
    let rule = match kind {
        Some(1) => Some(Rule::Daily),
        Some(2) => match r.get("weekly_days") {
            Some(Value::String(days)) => match weekly_days(days) {
                Some(days) => Some(Rule::Weekly(days)),
                None => {
                    bad(&mut errors, "weekly_days");
                    None
                }
            },
            _ => {
                bad(&mut errors, "weekly_days");
                None
            }
        },
        Some(3) => monthly(&int, &mut errors),
        _ => None,
    };
    let end_times = match int("end_times") {
        Ok(None) => None,
        Ok(Some(n)) if (1..=MAX_OCCURRENCES as i64).contains(&n) => Some(n as u32),
        _ => {
            bad(&mut errors, "end_times");
            None
        }
    };
    let until = match r.get("end_date_time") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => match super::body::parse_utc(s) {
            Some(t) if t > start => Some(t),
            _ => {
                bad(&mut errors, "end_date_time");
                None
            }
        },
        Some(_) => {
            bad(&mut errors, "end_date_time");
            None
        }
    };
    let end = match (end_times, until) {
        // "Cannot be used with end_date_time."
        (Some(_), Some(_)) => {
            bad(&mut errors, "end_times");
            End::Times(1)
        }
        (Some(n), None) => End::Times(n),
        (None, Some(t)) => End::Until(t),
        // The reference's default: one occurrence.
        (None, None) => End::Times(1),
    };
    match rule {
        Some(rule) if errors.is_empty() => Ok(Recurrence {
            rule,
            interval,
            end,
        }),
        _ => Err(errors),
    }
}

fn monthly(
    int: &dyn Fn(&str) -> Result<Option<i64>, ()>,
    errors: &mut Vec<String>,
) -> Option<Rule> {
    let day = int("monthly_day");
    let week = int("monthly_week");
    let weekday = int("monthly_week_day");
    let mut ok = true;
    let mut bad = |field: &str| {
        errors.push(format!("recurrence.{field}"));
        ok = false;
    };
    let day = match day {
        Ok(None) => None,
        Ok(Some(d @ 1..=31)) => Some(d as i8),
        _ => {
            bad("monthly_day");
            None
        }
    };
    let week = match week {
        Ok(None) => None,
        Ok(Some(w @ (-1 | 1..=4))) => Some(w as i8),
        _ => {
            bad("monthly_week");
            None
        }
    };
    let weekday = match weekday {
        Ok(None) => None,
        Ok(Some(d @ 1..=7)) => Some(d as i8),
        _ => {
            bad("monthly_week_day");
            None
        }
    };
    let rule = match (day, week, weekday) {
        // A day of the month and a week of it say two different things.
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
            bad("monthly_day");
            None
        }
        (Some(d), None, None) => Some(Rule::MonthlyDay(d)),
        (None, Some(week), Some(weekday)) => Some(Rule::MonthlyWeekday { week, weekday }),
        // "If you use this field, you must also use the monthly_week_day field", and back.
        (None, Some(_), None) => {
            bad("monthly_week_day");
            None
        }
        (None, None, Some(_)) => {
            bad("monthly_week");
            None
        }
        // The reference's default: the first of the month.
        (None, None, None) => Some(Rule::MonthlyDay(1)),
    };
    rule.filter(|_| ok)
}

/// `"2,4"` → `[2, 4]`; every entry 1-7, no repeats.
fn weekly_days(s: &str) -> Option<Vec<i8>> {
    let mut days = vec![];
    for part in s.split(',') {
        let d: i8 = part.trim().parse().ok()?;
        if !(1..=7).contains(&d) || days.contains(&d) {
            return None;
        }
        days.push(d);
    }
    days.sort_unstable();
    (!days.is_empty()).then_some(days)
}

impl Recurrence {
    /// The object as Zoom echoes it.
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        let kind = match self.rule {
            Rule::Daily => 1,
            Rule::Weekly(_) => 2,
            Rule::MonthlyDay(_) | Rule::MonthlyWeekday { .. } => 3,
        };
        m.insert("type".into(), json!(kind));
        m.insert("repeat_interval".into(), json!(self.interval));
        match &self.rule {
            Rule::Daily => {}
            Rule::Weekly(days) => {
                let list: Vec<String> = days.iter().map(i8::to_string).collect();
                m.insert("weekly_days".into(), json!(list.join(",")));
            }
            Rule::MonthlyDay(d) => {
                m.insert("monthly_day".into(), json!(d));
            }
            Rule::MonthlyWeekday { week, weekday } => {
                m.insert("monthly_week".into(), json!(week));
                m.insert("monthly_week_day".into(), json!(weekday));
            }
        }
        match self.end {
            End::Times(n) => m.insert("end_times".into(), json!(n)),
            End::Until(t) => m.insert("end_date_time".into(), json!(super::calendar::iso(t))),
        };
        Value::Object(m)
    }

    /// Every occurrence's start (Unix seconds), from `start` on, in `tz`: at most
    /// [`MAX_OCCURRENCES`].
    pub fn occurrences(&self, start: i64, tz: &TimeZone) -> Vec<i64> {
        let Ok(first) = jiff::Timestamp::from_second(start) else {
            return vec![];
        };
        let zoned = first.to_zoned(tz.clone());
        let (from, time) = (zoned.date(), zoned.time());
        let limit = match self.end {
            End::Times(n) => (n as usize).min(MAX_OCCURRENCES),
            End::Until(_) => MAX_OCCURRENCES,
        };
        let until = match self.end {
            End::Until(t) => t,
            End::Times(_) => i64::MAX,
        };
        let at = |d: Date| -> Option<i64> {
            d.to_datetime(time)
                .to_zoned(tz.clone())
                .ok()
                .map(|z| z.timestamp().as_second())
        };
        let mut out = vec![];
        let push = |d: Date, out: &mut Vec<i64>| -> bool {
            match at(d) {
                Some(t) if t < start => true,
                Some(t) if t <= until && out.len() < limit => {
                    out.push(t);
                    out.len() < limit
                }
                Some(_) => false,
                None => true,
            }
        };
        let n = i64::from(self.interval.max(1));
        match &self.rule {
            Rule::Daily => {
                for k in 0..(MAX_OCCURRENCES as i64) {
                    let Some(d) = add_days(from, k * n) else {
                        break;
                    };
                    if !push(d, &mut out) {
                        break;
                    }
                }
            }
            Rule::Weekly(days) => {
                // Weeks run Sunday to Saturday; every n-th week counts from the first one.
                let sunday = add_days(from, -i64::from(from.weekday().to_sunday_zero_offset()));
                'weeks: for week in 0..(MAX_OCCURRENCES as i64 * 12) {
                    let Some(sunday) = sunday.and_then(|s| add_days(s, week * n * 7)) else {
                        break;
                    };
                    for day in days {
                        let Some(d) = add_days(sunday, i64::from(day - 1)) else {
                            break 'weeks;
                        };
                        if d >= from && !push(d, &mut out) {
                            break 'weeks;
                        }
                    }
                }
            }
            Rule::MonthlyDay(_) | Rule::MonthlyWeekday { .. } => {
                let first_month = from.first_of_month();
                for k in 0..(MAX_OCCURRENCES as i64 * 3) {
                    let Ok(month) = first_month.checked_add(jiff::Span::new().months(k * n)) else {
                        break;
                    };
                    let Some(d) = self.day_in(month) else {
                        continue;
                    };
                    if d >= from && !push(d, &mut out) {
                        break;
                    }
                }
            }
        }
        out
    }

    /// The day of the month `month` (its first day) the rule picks.
    fn day_in(&self, month: Date) -> Option<Date> {
        match self.rule {
            Rule::MonthlyDay(day) => month
                .with()
                .day(day.min(month.days_in_month()))
                .build()
                .ok(),
            Rule::MonthlyWeekday { week, weekday } => {
                let weekday = Weekday::from_sunday_one_offset(weekday).ok()?;
                month.nth_weekday_of_month(week, weekday).ok()
            }
            _ => None,
        }
    }
}

fn add_days(d: Date, days: i64) -> Option<Date> {
    d.checked_add(jiff::Span::new().days(days)).ok()
}

/// A weekly rule on the weekday of `start` in `tz` (what the seeds use).
pub fn weekly_on_start(start: i64, tz: &TimeZone, times: u32) -> Recurrence {
    let day = jiff::Timestamp::from_second(start)
        .map(|t| {
            t.to_zoned(tz.clone())
                .date()
                .weekday()
                .to_sunday_one_offset()
        })
        .unwrap_or(1);
    Recurrence {
        rule: Rule::Weekly(vec![day]),
        interval: 1,
        end: End::Times(times),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> i64 {
        s.parse::<jiff::Timestamp>().unwrap().as_second()
    }

    fn starts(r: &Recurrence, start: &str, tz: &str) -> Vec<String> {
        let tz = jiff::tz::TimeZone::get(tz).unwrap();
        r.occurrences(utc(start), &tz)
            .into_iter()
            .map(super::super::calendar::iso)
            .collect()
    }

    #[test]
    fn weekly_series_keep_their_local_time_across_daylight_saving() {
        let r = parse(
            &json!({"type": 2, "weekly_days": "2", "end_times": 3}),
            utc("2030-03-18T08:00:00Z"),
        )
        .unwrap();
        // Berlin moves to summer time on 2030-03-31: 09:00 local is 08:00Z, then 07:00Z.
        assert_eq!(
            starts(&r, "2030-03-18T08:00:00Z", "Europe/Berlin"),
            [
                "2030-03-18T08:00:00Z",
                "2030-03-25T08:00:00Z",
                "2030-04-01T07:00:00Z"
            ]
        );
    }

    #[test]
    fn every_second_week_and_short_months() {
        let r = parse(
            &json!({"type": 2, "repeat_interval": 2, "weekly_days": "1,7", "end_times": 4}),
            0,
        )
        .unwrap();
        // 2030-01-05 is a Saturday; the Sunday before the start does not count.
        assert_eq!(
            starts(&r, "2030-01-05T10:00:00Z", "UTC"),
            [
                "2030-01-05T10:00:00Z",
                "2030-01-13T10:00:00Z",
                "2030-01-19T10:00:00Z",
                "2030-01-27T10:00:00Z"
            ]
        );
        let r = parse(&json!({"type": 3, "monthly_day": 31, "end_times": 3}), 0).unwrap();
        assert_eq!(
            starts(&r, "2030-01-31T10:00:00Z", "UTC"),
            [
                "2030-01-31T10:00:00Z",
                "2030-02-28T10:00:00Z",
                "2030-03-31T10:00:00Z"
            ]
        );
    }

    #[test]
    fn a_series_to_a_date_stops_there_and_never_passes_sixty() {
        let r = parse(
            &json!({"type": 1, "end_date_time": "2040-01-01T00:00:00Z"}),
            0,
        )
        .unwrap();
        assert_eq!(
            r.occurrences(utc("2030-01-01T10:00:00Z"), &TimeZone::UTC)
                .len(),
            60
        );
        assert_eq!(
            r.to_json(),
            json!({"type": 1, "repeat_interval": 1, "end_date_time": "2040-01-01T00:00:00Z"})
        );
    }
}
