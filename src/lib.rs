//! gongkai (公开): community transparency boards from YAML and Markdown records.
//!
//! The pipeline, one stage per module:
//! 1. [`config`] reads `site.yaml`;
//! 2. [`content`] loads every record (masking table columns, guarding privacy);
//! 3. [`validate`] checks every rule that protects residents and supervisors;
//! 4. [`render`] turns records into pages, [`print`] into notice-board sheets;
//! 5. [`output`] swaps the finished site into place; [`build`] runs 1–5.

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
pub mod progress;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod validate;
