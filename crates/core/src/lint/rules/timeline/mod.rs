//! TL: the article's timeline (`published`, `updated`, `[[updates]]`) and the time of the run.

mod future_timestamp;
mod scheduled_in_past;
mod stale_updated;
mod update_before_published;
mod update_note_in_body;
mod updated_before_published;
mod updates_out_of_order;

pub(crate) use future_timestamp::FutureTimestamp;
pub(crate) use scheduled_in_past::ScheduledInPast;
pub(crate) use stale_updated::StaleUpdated;
pub(crate) use update_before_published::UpdateBeforePublished;
pub(crate) use update_note_in_body::UpdateNoteInBody;
pub(crate) use updated_before_published::UpdatedBeforePublished;
pub(crate) use updates_out_of_order::UpdatesOutOfOrder;
