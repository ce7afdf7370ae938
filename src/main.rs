//! The `gongkai` binary: parse the command line, run it, set the exit status.

use std::process::ExitCode;

use gongkai::cli::{parse, run};

/// Rendering allocates and frees many small strings on every core; mimalloc
/// keeps that from dominating a large build.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Rendering and sanitizing nest as deep as a record does. Records are
    // refused past a fixed depth before anything renders them; generous
    // stacks on the worker threads are a second line behind that limit.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(32 << 20)
        .build_global();
    match parse() {
        Ok(cli) => run(cli),
        Err(status) => status,
    }
}
