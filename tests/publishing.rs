//! The publishing examples work as docs/publishing.md says: the GitHub Pages workflow is valid YAML
//! with the jobs, steps and permissions Pages needs, and the nginx example sends the site's
//! Content-Security-Policy and caches forever exactly the files whose names carry a content hash.

mod common;

use std::path::Path;

use saphyr::{LoadableYamlNode, Yaml};

const WORKFLOW: &str = ".github/workflows/pages.yml";
const NGINX: &str = "docs/hosting/nginx.conf";

fn repository_file(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{relative}: {error}"))
}

fn workflow() -> Yaml<'static> {
    let text: &'static str = repository_file(WORKFLOW).leak();
    let mut documents = Yaml::load_from_str(text).expect("the workflow is valid YAML");
    assert_eq!(documents.len(), 1, "one YAML document");
    documents.remove(0)
}

fn get<'a>(node: &'a Yaml<'static>, key: &str) -> &'a Yaml<'static> {
    node.as_mapping_get(key)
        .unwrap_or_else(|| panic!("the workflow has no `{key}` where expected"))
}

fn keys(node: &Yaml<'_>) -> Vec<String> {
    node.as_mapping()
        .expect("a mapping")
        .keys()
        .filter_map(|key| key.as_str().map(str::to_owned))
        .collect()
}

fn steps<'a>(job: &'a Yaml<'static>) -> &'a [Yaml<'static>] {
    get(job, "steps").as_sequence().expect("steps are a list")
}

#[test]
fn the_workflow_publishes_main_and_previews_pull_requests() {
    let workflow = workflow();
    let on = keys(get(&workflow, "on"));
    assert!(
        on.contains(&"push".to_owned()) && on.contains(&"pull_request".to_owned()),
        "{on:?}"
    );
    let branches = get(get(get(&workflow, "on"), "push"), "branches");
    assert_eq!(branches[0].as_str(), Some("main"));
    assert_eq!(keys(get(&workflow, "jobs")), ["build", "deploy"]);
    assert_eq!(
        keys(get(&workflow, "permissions")),
        ["contents"],
        "the workflow as a whole may only read"
    );
}

#[test]
fn every_step_uses_an_action_or_runs_a_command() {
    let workflow = workflow();
    for job in keys(get(&workflow, "jobs")) {
        let job = get(get(&workflow, "jobs"), &job);
        assert!(get(job, "runs-on").as_str().is_some());
        for step in steps(job) {
            let uses = step.as_mapping_get("uses").and_then(Yaml::as_str);
            let run = step.as_mapping_get("run").and_then(Yaml::as_str);
            assert!(
                uses.is_some() != run.is_some(),
                "a step needs `uses` or `run`: {step:?}"
            );
            if let Some(action) = uses {
                let (name, version) = action.split_once('@').expect("actions are pinned");
                assert!(
                    name.starts_with("actions/") && version.starts_with('v'),
                    "{action}"
                );
            }
        }
    }
}

#[test]
fn the_build_checks_builds_for_its_address_and_uploads() {
    let workflow = workflow();
    let build = get(get(&workflow, "jobs"), "build");
    let runs: Vec<&str> = steps(build)
        .iter()
        .filter_map(|step| step.as_mapping_get("run").and_then(Yaml::as_str))
        .collect();
    let uses: Vec<&str> = steps(build)
        .iter()
        .filter_map(|step| step.as_mapping_get("uses").and_then(Yaml::as_str))
        .collect();
    let position = |command: &str| runs.iter().position(|run| run.contains(command));
    let check = position("cargo run --release -- check").expect("a `kennis check` step");
    let build_step = position("cargo run --release -- build --base-url").expect("a build step");
    assert!(check < build_step, "the site is checked before it is built");
    assert!(
        uses.iter()
            .any(|action| action.starts_with("actions/upload-pages-artifact@"))
    );
    assert!(
        uses.iter()
            .any(|action| action.starts_with("actions/cache@"))
    );
    let cache = steps(build)
        .iter()
        .find(|step| {
            step.as_mapping_get("uses")
                .and_then(Yaml::as_str)
                .is_some_and(|a| a.starts_with("actions/cache@"))
        })
        .expect("the cache step");
    let paths = get(get(cache, "with"), "path")
        .as_str()
        .expect("cached paths");
    for path in ["~/.cargo/registry", "target"] {
        assert!(
            paths.lines().any(|line| line.trim() == path),
            "{path} is cached: {paths}"
        );
    }
}

#[test]
fn only_the_deploy_job_may_write_to_pages() {
    let workflow = workflow();
    let deploy = get(get(&workflow, "jobs"), "deploy");
    let permissions = get(deploy, "permissions");
    assert_eq!(get(permissions, "pages").as_str(), Some("write"));
    assert_eq!(get(permissions, "id-token").as_str(), Some("write"));
    assert_eq!(get(deploy, "needs").as_str(), Some("build"));
    let condition = get(deploy, "if").as_str().expect("a condition");
    assert!(
        condition.contains("pull_request"),
        "pull requests are not deployed: {condition}"
    );
    let action = get(&steps(deploy)[0], "uses").as_str();
    assert!(
        action.is_some_and(|a| a.starts_with("actions/deploy-pages@")),
        "{action:?}"
    );
}

/// The value of the nginx variable `name` in the example.
fn nginx_variable(config: &str, name: &str) -> String {
    let needle = format!("set ${name} \"");
    let start = config.find(&needle).expect("the variable") + needle.len();
    config[start..start + config[start..].find("\";").expect("its end")].to_owned()
}

#[test]
fn the_nginx_example_sends_the_sites_policy_and_nosniff() {
    let nginx = repository_file(NGINX);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = kennis::config::SiteConfig::load(root, None).expect("the site's site.toml");
    assert_eq!(
        nginx_variable(&nginx, "kennis_csp"),
        config.content_security_policy()
    );
    let locations = nginx.matches("\nlocation ").count();
    assert_eq!(locations, 2);
    assert_eq!(
        nginx
            .matches("add_header Content-Security-Policy $kennis_csp always;")
            .count(),
        locations
    );
    assert_eq!(
        nginx
            .matches("add_header X-Content-Type-Options nosniff always;")
            .count(),
        locations
    );
}

#[test]
fn the_nginx_example_caches_forever_only_what_has_a_hashed_name() {
    let nginx = repository_file(NGINX);
    let start = nginx
        .find("location ~ \"")
        .expect("the hashed-name location")
        + 12;
    let pattern = &nginx[start..start + nginx[start..].find('"').expect("its end")];
    let hashed = regex::Regex::new(pattern).expect("a regular expression");
    let block = &nginx[start + pattern.len()..];
    let block = &block[..block.find('}').expect("the block's end")];
    assert!(block.contains("max-age=31536000, immutable"), "{block}");

    let site = common::fixture();
    site.build_ok();
    let files = common::files_below(&site.output());
    let mut immutable = 0;
    for name in files.keys() {
        let extension = name.rsplit('.').next().unwrap_or_default();
        // A search index's start file keeps its name: pages name it.
        let start = name.ends_with("search/start.bin");
        let code = matches!(extension, "css" | "js" | "wasm" | "bin") && !start;
        assert_eq!(hashed.is_match(name), code, "{name}");
        immutable += usize::from(code);
    }
    assert!(
        immutable >= 10,
        "stylesheets, scripts, engine and indexes: {immutable}"
    );
    assert!(files.keys().any(|name| name.ends_with("search/start.bin")));
}
