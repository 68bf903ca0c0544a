//! One module per page.

pub mod condition;
pub mod gil;
pub mod home;
pub mod lock;
pub mod not_found;
pub mod processes;
pub mod semaphore;
mod shared;
