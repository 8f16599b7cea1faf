//! TL: the article's timeline (`published`, `updated`, `[[updates]]`) and the time of the run.

mod future_timestamp;
mod scheduled_in_past;
mod stale_updated;
mod update_before_published;
mod update_note_in_body;
mod updated_before_published;
mod updates_out_of_order;

pub(crate) use future_timestamp::{FutureTimestamp, check_future_timestamp};
pub(crate) use scheduled_in_past::{ScheduledInPast, check_scheduled_in_past};
pub(crate) use stale_updated::{StaleUpdated, check_stale_updated};
pub(crate) use update_before_published::{UpdateBeforePublished, check_update_before_published};
pub(crate) use update_note_in_body::{UpdateNoteInBody, check_update_note_in_body};
pub(crate) use updated_before_published::{UpdatedBeforePublished, check_updated_before_published};
pub(crate) use updates_out_of_order::{UpdatesOutOfOrder, check_updates_out_of_order};
