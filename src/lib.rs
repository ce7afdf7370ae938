//! gongkai (公开): community transparency boards from YAML and Markdown records.
//!
//! The pipeline, one stage per module; each uses only the stages before it:
//! 1. [`config`] reads `site.yaml`;
//! 2. [`content`] loads every record (masking table columns, guarding privacy);
//! 3. [`validate`] checks every rule that protects residents and supervisors;
//! 4. [`render`] turns records into pages, [`print`] into notice-board sheets;
//! 5. [`output`] swaps the finished site into place; [`build`] runs 1–5.
//!
//! Beneath them, shared by all: [`source`] (a file's YAML with line numbers),
//! [`types`] (dates, money, text), [`privacy`] (finding and masking private
//! numbers), [`diagnostic`] and [`fsutil`]. Above them: [`cli`], [`scaffold`]
//! (`init`, `new`) and [`serve`] (the preview), which call `build`.

// Diagnostics travel as plain values on the error path only; boxing them would
// cost clarity everywhere to save a few bytes where nothing is hot.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod fsutil;
pub mod output;
pub mod print;
pub mod privacy;
pub mod progress;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod source;
pub mod types;
pub mod validate;
