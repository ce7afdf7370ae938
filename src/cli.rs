//! The command line: one Args struct per subcommand, each with its `run`.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::build::{BuildError, BuildOptions, build, check, today_in_china};
use crate::config::CommunityKind;
use crate::content::Kind;
use crate::diagnostic::{RunKind, print_report};
use crate::scaffold;
use crate::types::Date;

/// gongkai（公开）：把村（居）务公开记录生成公开网站和公开栏张贴稿。
#[derive(Debug, Parser)]
#[command(name = "gongkai", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 新建一个网站文件夹，马上就能生成
    Init(InitArgs),
    /// 按模板新建一条记录，日期为今天
    New(NewArgs),
    /// 检查所有记录，不写任何文件
    Check(CheckArgs),
    /// 生成网站和张贴稿到 public/
    Build(BuildArgs),
    /// 本机预览，保存文件后页面自动刷新
    Serve(ServeArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SiteKind {
    /// 村（村民委员会，村务公开栏）
    Village,
    /// 社区（居民委员会，居务公开栏）
    Community,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// 新网站的文件夹（默认当前文件夹）
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// 村还是社区
    #[arg(long, value_enum, default_value = "village")]
    pub kind: SiteKind,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// 记录种类：disclosure（公开）、convention（公约）、consultation（协商）、admission（准入清单）、page（页面）
    pub kind: String,
    /// 标题
    pub title: String,
    /// 网站文件夹
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// 记录日期（默认今天），格式 2026-11-06
    #[arg(long, value_parser = parse_date)]
    pub today: Option<Date>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// 网站文件夹
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// 按这一天检查（默认今天），格式 2026-11-06
    #[arg(long, value_parser = parse_date)]
    pub today: Option<Date>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// 网站文件夹
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// 输出文件夹（默认 ROOT/public）
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// 生成日期：决定哪些公示在栏、哪些事项逾期（默认今天），格式 2026-11-06
    #[arg(long, value_parser = parse_date)]
    pub today: Option<Date>,
    /// 连草稿和未到发布日期的记录一起生成
    #[arg(long)]
    pub drafts: bool,
    /// 覆盖 site.yaml 的 base_url
    #[arg(long)]
    pub base_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// 网站文件夹
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// 端口
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// 监听的地址（默认只有本机能访问；写 0.0.0.0 可让同一网络的手机访问）
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// 启动后用浏览器打开
    #[arg(long)]
    pub open: bool,
}

pub fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
}

/// Exit status: 0 success, 1 content errors, 2 usage errors.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Init(a) => run_init(a),
        Command::New(a) => run_new(a),
        Command::Check(a) => run_check(a),
        Command::Build(a) => run_build(a),
        Command::Serve(a) => run_serve(a),
    }
}

fn run_init(a: InitArgs) -> ExitCode {
    let kind = match a.kind {
        SiteKind::Village => CommunityKind::Village,
        SiteKind::Community => CommunityKind::Community,
    };
    match scaffold::init_site(&a.dir, kind, today_in_china()) {
        Ok(files) => {
            for f in &files {
                println!("  新建 {}", f.display());
            }
            println!(
                "网站已建好。下一步：修改 {} 里的名称和电话，然后运行 gongkai build --root {}",
                a.dir.join("site.yaml").display(),
                a.dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => usage_error(&e),
    }
}

fn run_new(a: NewArgs) -> ExitCode {
    let Some(kind) = Kind::from_name(&a.kind) else {
        return usage_error(&format!(
            "不认识的记录种类“{}”；可用：disclosure（公开）、convention（公约）、consultation（协商）、admission（准入清单）、page（页面）",
            a.kind
        ));
    };
    match scaffold::new_record(
        &a.root,
        kind,
        &a.title,
        a.today.unwrap_or_else(today_in_china),
    ) {
        Ok(path) => {
            println!("已新建 {}，请打开填写", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => usage_error(&e),
    }
}

fn run_check(a: CheckArgs) -> ExitCode {
    let mut opts = BuildOptions::new(a.root);
    opts.today = a.today;
    match check(&opts) {
        Ok(warnings) => {
            print_report(&warnings, RunKind::Check);
            println!("检查完毕，没有发现错误。");
            ExitCode::SUCCESS
        }
        Err(e) => report_error(e, RunKind::Check),
    }
}

fn run_build(a: BuildArgs) -> ExitCode {
    let opts = BuildOptions {
        root: a.root,
        out: a.out,
        today: a.today,
        drafts: a.drafts,
        base_url: a.base_url,
        progress: true,
    };
    match build(&opts) {
        Ok(report) => {
            print_report(&report.warnings, RunKind::Build);
            println!(
                "网站已生成：{}（{} 条记录，{} 个页面，用时 {:.2} 秒）",
                report.out.display(),
                report.stats.records,
                report.stats.pages,
                report.elapsed.as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => report_error(e, RunKind::Build),
    }
}

fn run_serve(a: ServeArgs) -> ExitCode {
    let opts = crate::serve::ServeOptions {
        root: a.root,
        port: a.port,
        bind: a.bind,
        open: a.open,
    };
    match crate::serve::run(opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report_error(e, RunKind::Preview),
    }
}

pub fn report_error(e: BuildError, run: RunKind) -> ExitCode {
    match e {
        BuildError::Usage(msg) => usage_error(&msg),
        BuildError::Content(diags) => {
            print_report(&diags, run);
            ExitCode::from(1)
        }
    }
}

pub fn usage_error(msg: &str) -> ExitCode {
    eprintln!("错误：{}", crate::diagnostic::terminal_safe(msg));
    ExitCode::from(2)
}
