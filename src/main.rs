//! The `gongkai` binary: parse the command line, run it, set the exit status.

use std::process::ExitCode;

use clap::Parser;
use gongkai::cli::{Cli, run};

fn main() -> ExitCode {
    run(Cli::parse())
}
