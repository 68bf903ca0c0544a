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
}
