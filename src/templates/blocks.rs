//! Structured blocks (`::: demand`) drawn by the theme's `blocks/<name>.html` templates: the theme as
//! the Markdown stage's [`BlockRenderer`]. It lives here, where both stages are known, so that the
//! theme need not know Markdown and Markdown need not know templates.

use serde::Serialize;

use crate::markdown::{BlockInput, BlockRenderer};
use crate::theme::{BLOCKS_DIR, Theme};

impl BlockRenderer for Theme {
    fn block_names(&self) -> Vec<String> {
        self.template_names()
            .filter_map(|name| name.strip_prefix(BLOCKS_DIR)?.strip_suffix(".html"))
            .map(str::to_owned)
            .collect()
    }

    fn frame_ids(&self) -> Vec<String> {
        self.frame_ids()
    }

    fn render_block(&self, block: &BlockInput<'_>) -> std::result::Result<String, String> {
        #[derive(Serialize)]
        struct BlockContext<'a> {
            name: &'a str,
            title: Option<&'a str>,
            body: &'a str,
            lang: &'a str,
        }
        let context = BlockContext {
            name: block.name,
            title: block.title,
            body: block.body,
            lang: block.lang,
        };
        self.render(&format!("{BLOCKS_DIR}{}.html", block.name), &context, None)
            .map_err(|error| error.to_string())
    }
}
