//! What a child process can be asked to run, besides the runtime's own
//! tasks: handed to the runtime by `runtime::init` (the page) and by the
//! child's entry point in `lib.rs`.

use super::{fib_modes, processes};
use crate::runtime::process::Task;

pub static PROCESS_TASKS: &[Task] = &[
    Task {
        name: "fib_timed",
        run: fib_modes::child_fib,
    },
    Task {
        name: "sleep_timed",
        run: fib_modes::child_sleep,
    },
    Task {
        name: "count_in_own_memory",
        run: processes::child_count,
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::process::RUNTIME_TASKS;

    #[test]
    fn every_task_name_is_unique() {
        let mut names: Vec<_> = RUNTIME_TASKS
            .iter()
            .chain(PROCESS_TASKS)
            .map(|t| t.name)
            .collect();
        let all = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all);
    }
}
