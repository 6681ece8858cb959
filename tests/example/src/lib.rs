//! The units of `notesd`, a small note-taking server: a socket-activated daemon, a
//! per-user sync template and a weekly compaction job.
mod family;
pub use family::FAMILY;
