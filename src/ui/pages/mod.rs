//! One module per page.

pub mod async_await;
pub mod condition;
pub mod coroutine;
pub mod gil;
pub mod home;
pub mod kettle;
pub mod lock;
pub mod not_found;
pub mod processes;
pub mod semaphore;
mod shared;
