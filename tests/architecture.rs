//! The pipeline runs one way. Every `crate::` path in `src/` is an edge from the module of its file to
//! the module it names; an edge from a stage to a later stage, from a shared module to a stage, or one
//! that closes a cycle fails this test with the file and line. The stage order is the order in which
//! `build()` runs the stages, and the README's table lists them in that order.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The stages, in the order `build()` runs them; a stage may use the ones before it.
const STAGES: &[&str] = &[
    "content",
    "routes",
    "theme",
    "markdown",
    "search",
    "templates",
    "output",
];

/// Shared modules every stage may use; they use no stage.
const SHARED: &[&str] = &[
    "site",
    "clean_text",
    "config",
    "error",
    "highlight",
    "html",
    "slug",
    "suggest",
    "terminal",
    "walk",
];

/// Entry points: they run the stages and may use anything; nothing uses them but each other.
const TOP: &[&str] = &[
    "lib",
    "main",
    "build",
    "check",
    "serve",
    "rebuild",
    "search_command",
    "translation_status",
    "new_command",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Stage(usize),
    Shared,
    Top,
}

fn role(module: &str) -> Option<Role> {
    if let Some(position) = STAGES.iter().position(|stage| *stage == module) {
        return Some(Role::Stage(position));
    }
    if SHARED.contains(&module) {
        return Some(Role::Shared);
    }
    TOP.contains(&module).then_some(Role::Top)
}

/// One `crate::module` reference.
#[derive(Debug)]
struct Edge {
    file: String,
    line: usize,
    from: String,
    to: String,
}

/// `src/content/tree.rs` → `content`, `src/config.rs` → `config`.
fn module_of(relative: &Path) -> String {
    let mut components = relative.components().skip(1);
    let first = components
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    first.trim_end_matches(".rs").to_owned()
}

/// The module names that follow `crate::` on a line, including those of a `crate::{a, b::c}` group
/// that opens on it (groups that span lines are followed to their closing brace).
fn referenced_modules(lines: &[&str], index: usize) -> Vec<String> {
    let code = lines[index].split("//").next().unwrap_or_default();
    let mut names = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let preceded_by_ident = rest[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        rest = &rest[at + "crate::".len()..];
        if preceded_by_ident {
            continue;
        }
        if rest.starts_with('{') {
            let mut group = String::from(rest);
            let mut next = index + 1;
            while !group.contains('}') && next < lines.len() {
                group.push_str(lines[next]);
                next += 1;
            }
            let inner = group[1..].split('}').next().unwrap_or_default();
            names.extend(top_level_names(inner));
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            names.push(name);
        }
    }
    names
}

/// `a, b::{c, d}, e::f` → `a`, `b`, `e`.
fn top_level_names(group: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for c in group.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => names.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    names.push(current);
    names
        .iter()
        .filter_map(|name| {
            let name = name.trim().split("::").next()?.trim().to_owned();
            (!name.is_empty()).then_some(name)
        })
        .collect()
}

fn edges() -> Vec<Edge> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut edges = Vec::new();
    for entry in walkdir::WalkDir::new(root.join("src")).sort_by_file_name() {
        let entry = entry.expect("src/ is readable");
        if entry
            .path()
            .extension()
            .is_none_or(|extension| extension != "rs")
        {
            continue;
        }
        let relative = entry.path().strip_prefix(root).expect("below the root");
        let text = fs::read_to_string(entry.path()).expect("source is UTF-8");
        let lines: Vec<&str> = text.lines().collect();
        let from = module_of(relative);
        for index in 0..lines.len() {
            for to in referenced_modules(&lines, index) {
                if to != from && !to.is_empty() {
                    edges.push(Edge {
                        file: relative.to_string_lossy().replace('\\', "/"),
                        line: index + 1,
                        from: from.clone(),
                        to,
                    });
                }
            }
        }
    }
    edges
}

/// Why `edge` breaks the direction, if it does.
fn violation(edge: &Edge) -> Option<String> {
    let (Some(from), Some(to)) = (role(&edge.from), role(&edge.to)) else {
        let unknown = if role(&edge.from).is_none() {
            &edge.from
        } else {
            &edge.to
        };
        return Some(format!(
            "`{unknown}` is neither a stage, a shared module nor an entry point; add it to this test"
        ));
    };
    match (from, to) {
        (_, Role::Top) if from != Role::Top => Some(format!(
            "`{}` uses the entry point `{}`",
            edge.from, edge.to
        )),
        (Role::Shared, Role::Stage(_)) => Some(format!(
            "the shared module `{}` uses the stage `{}`",
            edge.from, edge.to
        )),
        (Role::Stage(earlier), Role::Stage(later)) if later > earlier => Some(format!(
            "the stage `{}` uses the later stage `{}`",
            edge.from, edge.to
        )),
        _ => None,
    }
}

#[test]
fn stages_only_use_earlier_stages_and_shared_modules() {
    let problems: Vec<String> = edges()
        .iter()
        .filter_map(|edge| {
            let why = violation(edge)?;
            Some(format!(
                "{}:{}: crate::{}: {why}",
                edge.file, edge.line, edge.to
            ))
        })
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn modules_form_no_cycle() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut first_edge: BTreeMap<(String, String), String> = BTreeMap::new();
    for edge in edges() {
        graph
            .entry(edge.from.clone())
            .or_default()
            .insert(edge.to.clone());
        first_edge
            .entry((edge.from.clone(), edge.to.clone()))
            .or_insert_with(|| format!("{}:{}", edge.file, edge.line));
    }
    if let Some(cycle) = find_cycle(&graph) {
        let steps: Vec<String> = cycle
            .windows(2)
            .map(|pair| {
                let at = &first_edge[&(pair[0].clone(), pair[1].clone())];
                format!("{} → {} ({at})", pair[0], pair[1])
            })
            .collect();
        panic!("import cycle: {}", steps.join(", "));
    }
}

/// A cycle as its modules, the first repeated at the end.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

/// The README's stage table names the stage modules in the order of [`STAGES`].
#[test]
fn the_readme_lists_the_stages_in_build_order() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).expect("README.md");
    let listed: Vec<String> = readme
        .lines()
        .filter(|line| line.starts_with('|'))
        .filter_map(|line| {
            let module = line.split('`').nth(1)?.strip_prefix("src/")?;
            Some(
                module
                    .trim_end_matches('/')
                    .trim_end_matches(".rs")
                    .to_owned(),
            )
        })
        .filter(|module| matches!(role(module), Some(Role::Stage(_))))
        .collect();
    let present: Vec<String> = STAGES
        .iter()
        .filter(|stage| {
            root.join("src").join(stage).is_dir() || root.join(format!("src/{stage}.rs")).is_file()
        })
        .map(|stage| (*stage).to_owned())
        .collect();
    assert_eq!(listed, present, "README.md's stage table");
}

/// `build()` runs the stages in the order of [`STAGES`]: the first line of its body that calls into
/// each stage comes after the first line that calls into the stage before.
#[test]
fn build_runs_the_stages_in_order() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = fs::read_to_string(root.join("src/build.rs")).expect("src/build.rs");
    let names_of = |stage: &str| -> Vec<String> {
        let lines: Vec<&str> = text.lines().collect();
        let mut names = vec![format!("{stage}::")];
        for (index, line) in lines.iter().enumerate() {
            let prefix = format!("use crate::{stage}::");
            let Some(rest) = line.trim().strip_prefix(&prefix) else {
                continue;
            };
            let mut group = rest.to_owned();
            let mut next = index + 1;
            while group.starts_with('{') && !group.contains('}') && next < lines.len() {
                group.push_str(lines[next]);
                next += 1;
            }
            let group = group.trim_matches(|c| c == '{' || c == '}' || c == ';');
            names.extend(
                top_level_names(group)
                    .into_iter()
                    .filter(|name| name != "self")
                    .map(|name| format!("{name}::")),
            );
        }
        names
    };
    let body = text
        .split("pub fn build(")
        .nth(1)
        .expect("src/build.rs has `pub fn build(`");
    let body = body.split("\n}\n").next().unwrap_or(body);
    let mut order: Vec<(usize, &str)> = STAGES
        .iter()
        .filter_map(|stage| {
            let first = names_of(stage)
                .iter()
                .filter_map(|name| body.find(name.as_str()))
                .min()?;
            Some((first, *stage))
        })
        .collect();
    let in_stage_order: Vec<&str> = order.iter().map(|(_, stage)| *stage).collect();
    order.sort();
    let as_run: Vec<&str> = order.iter().map(|(_, stage)| *stage).collect();
    assert_eq!(
        as_run, in_stage_order,
        "the order in which build() calls the stages"
    );
}
