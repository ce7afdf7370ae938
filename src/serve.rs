//! Preview server and watcher (`gongkai serve`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// 网站文件夹
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// 端口
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
}

pub fn run(_args: ServeArgs) -> ExitCode {
    eprintln!("错误: gongkai serve 尚未实现");
    ExitCode::from(2)
}
