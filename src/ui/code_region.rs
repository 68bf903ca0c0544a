//! The Rust shown in a page's code panel is the code that runs: regions of
//! the real sources, marked with `// [shown: name]` … `// [/shown: name]`.

/// The lines between the markers of region `name` of `source`, without the
/// markers and without their common indentation. `None` if it is missing.
pub fn region(source: &str, name: &str) -> Option<String> {
    let open = format!("// [shown: {name}]");
    let close = format!("// [/shown: {name}]");
    let lines: Vec<&str> = source.lines().collect();
    let start = lines.iter().position(|l| l.trim() == open)? + 1;
    let end = start + lines[start..].iter().position(|l| l.trim() == close)?;
    let body = &lines[start..end];
    let indent = body
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    Some(
        body.iter()
            .map(|l| l.get(indent..).unwrap_or("").trim_end())
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// The sources the pages show, by file, and the regions each page uses:
/// the tests check that every region exists.
pub const GIL_SOURCE: &str = include_str!("../experiments/gil/emulated_gil.rs");
pub const MODES_SOURCE: &str = include_str!("../experiments/fib_modes.rs");
pub const PROCESSES_SOURCE: &str = include_str!("../experiments/processes.rs");
pub const LOCK_SOURCE: &str = include_str!("../experiments/lock.rs");
pub const SEMAPHORE_SOURCE: &str = include_str!("../experiments/semaphore.rs");
pub const CONDITION_SOURCE: &str = include_str!("../experiments/condition.rs");
pub const LOCK_PYTHON: &str = include_str!("../experiments/python/lock.py");
pub const SEMAPHORE_PYTHON: &str = include_str!("../experiments/python/semaphore.py");
pub const CONDITION_PYTHON: &str = include_str!("../experiments/python/condition.py");
pub const ASYNC_SOURCE: &str = include_str!("../experiments/async_await.rs");
pub const ASYNC_PYTHON: &str = include_str!("../experiments/python/async_await.py");
pub const COROUTINE_SOURCE: &str = include_str!("../experiments/coroutine.rs");
pub const COROUTINE_PYTHON: &str = include_str!("../experiments/python/coroutine.py");
pub const KETTLE_SOURCE: &str = include_str!("../experiments/kettle.rs");
pub const KETTLE_PYTHON: &str = include_str!("../experiments/python/kettle.py");
pub const GIL_PYTHON: &str = include_str!("../experiments/python/gil.py");
pub const PROCESSES_PYTHON: &str = include_str!("../experiments/python/processes.py");

pub const SHOWN: &[(&str, &str)] = &[
    (GIL_SOURCE, "take"),
    (GIL_SOURCE, "check point"),
    (MODES_SOURCE, "under gil"),
    (MODES_SOURCE, "processes"),
    (PROCESSES_SOURCE, "isolation"),
    (LOCK_SOURCE, "lock"),
    (SEMAPHORE_SOURCE, "semaphore"),
    (CONDITION_SOURCE, "consumer"),
    (ASYNC_SOURCE, "task"),
    (COROUTINE_SOURCE, "coroutines"),
    (KETTLE_SOURCE, "cases"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_lose_their_markers_and_indentation() {
        let source =
            "fn a() {\n    // [shown: x]\n    let y = 1;\n\n        z(y);\n    // [/shown: x]\n}\n";
        assert_eq!(region(source, "x").unwrap(), "let y = 1;\n\n    z(y);");
        assert_eq!(region(source, "nope"), None);
    }

    #[test]
    fn every_region_a_page_shows_exists() {
        for (source, name) in SHOWN {
            let code = region(source, name).unwrap_or_else(|| panic!("no region {name}"));
            assert!(code.lines().count() >= 3, "region {name} is nearly empty");
        }
    }
}
