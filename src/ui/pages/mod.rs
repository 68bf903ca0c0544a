//! One module per page.

pub mod gil;
pub mod home;
mod modes;
pub mod not_found;
pub mod processes;
