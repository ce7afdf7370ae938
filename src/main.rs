//! The `gongkai` binary: parse the command line, run it, set the exit status.

use std::process::ExitCode;

use clap::Parser;
use gongkai::cli::{Cli, run};

/// Rendering allocates and frees many small strings on every core; mimalloc
/// keeps that from dominating a large build.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    run(Cli::parse())
}
