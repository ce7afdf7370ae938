//! The command line: one Args struct per subcommand, each with its `run`.
//! Help and usage errors are in Chinese, like everything else a clerk reads:
//! clap's own headings and messages are replaced (see [`usage_message`]).

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

use crate::build::{BuildError, BuildOptions, build, check, today_in_china};
use crate::config::CommunityKind;
use crate::content::Kind;
use crate::diagnostic::{RunKind, print_report, terminal_safe};
use crate::scaffold;
use crate::types::Date;

/// How the help pages are laid out, with Chinese headings (clap's own end
/// in a half-width colon).
const HELP: &str =
    "{about-with-newline}\n用法：{usage}\n\n命令：\n{subcommands}\n\n选项：\n{options}{after-help}";
const HELP_ARGS: &str =
    "{about-with-newline}\n用法：{usage}\n\n参数：\n{positionals}\n\n选项：\n{options}{after-help}";
const HELP_OPTIONS: &str = "{about-with-newline}\n用法：{usage}\n\n选项：\n{options}{after-help}";

/// gongkai（公开）：把村（居）务公开记录生成公开网站和公开栏张贴稿。
#[derive(Debug, Parser)]
#[command(
    name = "gongkai",
    version,
    about = "gongkai（公开）：把村（居）务公开记录生成网站和公开栏张贴稿。",
    long_about = None,
    help_template = HELP,
    subcommand_help_heading = "命令",
    subcommand_value_name = "命令",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    after_help = "每个命令的说明：gongkai 命令 --help，例如 gongkai build --help"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// 显示这份说明
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true, help_heading = "选项", display_order = 100)]
    help: Option<bool>,
    /// 显示版本号
    #[arg(short = 'V', long = "version", action = ArgAction::Version, help_heading = "选项", display_order = 101)]
    version: Option<bool>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 新建一个网站文件夹，马上就能生成
    #[command(help_template = HELP_ARGS, next_help_heading = "选项", override_usage = "gongkai init [文件夹] [选项]")]
    Init(InitArgs),
    /// 按模板新建一条记录，日期为今天
    #[command(help_template = HELP_ARGS, next_help_heading = "选项", override_usage = "gongkai new 种类 标题 [选项]")]
    New(NewArgs),
    /// 检查所有记录，不写任何文件
    #[command(help_template = HELP_OPTIONS, next_help_heading = "选项", override_usage = "gongkai check [选项]")]
    Check(CheckArgs),
    /// 生成网站和张贴稿到 public/
    #[command(help_template = HELP_OPTIONS, next_help_heading = "选项", override_usage = "gongkai build [选项]")]
    Build(BuildArgs),
    /// 本机预览，保存文件后页面自动刷新
    #[command(help_template = HELP_OPTIONS, next_help_heading = "选项", override_usage = "gongkai serve [选项]")]
    Serve(ServeArgs),
    /// 写出 site.yaml 和各类记录的 JSON Schema，供编辑器补全、检查字段
    #[command(help_template = HELP_OPTIONS, next_help_heading = "选项", override_usage = "gongkai schema [选项]")]
    Schema(SchemaArgs),
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
    #[arg(
        default_value = ".",
        hide_default_value = true,
        value_name = "文件夹",
        help_heading = "参数"
    )]
    pub dir: PathBuf,
    /// village（村，默认）或 community（社区）
    #[arg(
        long,
        value_enum,
        default_value = "village",
        hide_default_value = true,
        hide_possible_values = true,
        value_name = "种类"
    )]
    pub kind: SiteKind,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// 记录种类：disclosure（公开）、convention（公约）、consultation（协商）、admission（准入清单）、page（页面）
    #[arg(value_name = "种类", help_heading = "参数")]
    pub kind: String,
    /// 记录的标题，中间有空格时加引号
    #[arg(value_name = "标题", help_heading = "参数")]
    pub title: String,
    /// 网站文件夹（默认当前文件夹）
    #[arg(
        long,
        default_value = ".",
        hide_default_value = true,
        value_name = "文件夹"
    )]
    pub root: PathBuf,
    /// 记录日期（默认今天），格式 2026-11-06
    #[arg(long, value_parser = parse_date, value_name = "日期")]
    pub today: Option<Date>,
    /// 建成 .yaml 文件（全部是字段，第一行指向字段说明，编辑器可补全、检查）
    #[arg(long)]
    pub yaml: bool,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// 写到哪个文件夹（默认当前文件夹里的 schema）
    #[arg(
        long,
        default_value = "schema",
        hide_default_value = true,
        value_name = "文件夹"
    )]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// 网站文件夹（默认当前文件夹）
    #[arg(
        long,
        default_value = ".",
        hide_default_value = true,
        value_name = "文件夹"
    )]
    pub root: PathBuf,
    /// 按这一天检查（默认今天），格式 2026-11-06
    #[arg(long, value_parser = parse_date, value_name = "日期")]
    pub today: Option<Date>,
    /// 把所有警告当作错误（乡镇统一检查时用）
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// 网站文件夹（默认当前文件夹）
    #[arg(
        long,
        default_value = ".",
        hide_default_value = true,
        value_name = "文件夹"
    )]
    pub root: PathBuf,
    /// 输出文件夹（默认是网站文件夹里的 public）
    #[arg(long, value_name = "文件夹")]
    pub out: Option<PathBuf>,
    /// 按这一天生成（默认今天），写成 2026-11-06；它决定哪些事项正在公示、哪些落实事项已逾期
    #[arg(long, value_parser = parse_date, value_name = "日期")]
    pub today: Option<Date>,
    /// 连草稿和未到发布日期的记录一起生成
    #[arg(long)]
    pub drafts: bool,
    /// 覆盖 site.yaml 的 base_url
    #[arg(long, value_name = "网址")]
    pub base_url: Option<String>,
    /// 把所有警告当作错误，有警告就不生成
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// 网站文件夹（默认当前文件夹）
    #[arg(
        long,
        default_value = ".",
        hide_default_value = true,
        value_name = "文件夹"
    )]
    pub root: PathBuf,
    /// 端口（默认 1111）
    #[arg(
        long,
        default_value_t = 1111,
        hide_default_value = true,
        value_name = "端口"
    )]
    pub port: u16,
    /// 监听的地址（默认只有本机能访问；写 0.0.0.0 可让同一网络的手机访问）
    #[arg(
        long,
        default_value = "127.0.0.1",
        hide_default_value = true,
        value_name = "地址"
    )]
    pub bind: IpAddr,
    /// 启动后用浏览器打开
    #[arg(long)]
    pub open: bool,
}

pub fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
}

/// Parses the command line as `main` receives it; a usage error or a help
/// request is printed here, in Chinese, and becomes the exit status.
pub fn parse() -> Result<Cli, ExitCode> {
    Cli::try_parse().map_err(|e| match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            ExitCode::from(2)
        }
        _ => {
            eprintln!("错误：{}", terminal_safe(&usage_message(&e)));
            eprintln!("  → 运行 gongkai --help 查看全部命令和用法");
            ExitCode::from(2)
        }
    })
}

/// A usage error in words a clerk understands.
pub fn usage_message(e: &clap::Error) -> String {
    let ctx = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    // `--today <日期>` → `--today`; `<种类>` → `种类`.
    let arg = ctx(ContextKind::InvalidArg)
        .split(" <")
        .next()
        .unwrap_or("")
        .replace(['<', '>'], "");
    let value = ctx(ContextKind::InvalidValue);
    let suggestion = match e
        .get(ContextKind::SuggestedArg)
        .or(e.get(ContextKind::SuggestedSubcommand))
    {
        Some(s) => format!("，是不是要写 {s}？"),
        None => String::new(),
    };
    match e.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "不认识的命令“{}”{suggestion}可用的命令有：init、new、check、build、serve",
            ctx(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::UnknownArgument => format!("不认识的选项“{arg}”{suggestion}"),
        ErrorKind::InvalidValue => format!(
            "选项 {arg} 的值“{value}”不对；可选的值有：{}",
            ctx(ContextKind::ValidValue)
        ),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e).map_or(String::new(), ToString::to_string);
            format!("选项 {arg} 的值“{value}”不对：{why}")
        }
        ErrorKind::MissingRequiredArgument => format!("缺少参数：{arg}"),
        ErrorKind::MissingSubcommand => {
            "缺少命令；可用的命令有：init、new、check、build、serve".into()
        }
        ErrorKind::TooManyValues | ErrorKind::ArgumentConflict => {
            format!("多写了参数“{value}{arg}”")
        }
        ErrorKind::NoEquals | ErrorKind::InvalidUtf8 => format!("选项 {arg} 的写法不对"),
        _ => "命令的写法不对".into(),
    }
}

/// Exit status: 0 success, 1 content errors, 2 usage errors.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Init(a) => run_init(a),
        Command::New(a) => run_new(a),
        Command::Check(a) => run_check(a),
        Command::Build(a) => run_build(a),
        Command::Serve(a) => run_serve(a),
        Command::Schema(a) => run_schema(a),
    }
}

fn run_schema(a: SchemaArgs) -> ExitCode {
    match crate::schema::write_all(&a.out) {
        Ok(files) => {
            for f in &files {
                println!("  写出 {}", f.display());
            }
            println!(
                "在 YAML 记录的第一行写 # yaml-language-server: $schema=（对应文件的路径），装有 YAML 插件的编辑器（如 VS Code）就会提示和检查字段"
            );
            ExitCode::SUCCESS
        }
        Err(e) => usage_error(&e),
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
                "网站已建好。下一步：修改 {} 里的名称、网址和监督电话；示例记录都是草稿，改好或删掉后运行 gongkai build --root {}",
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
        a.yaml,
    ) {
        Ok(path) => {
            println!(
                "已新建 {}（草稿），请打开填写；填好后删掉 draft: true 这一行才会发布",
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => usage_error(&e),
    }
}

fn run_check(a: CheckArgs) -> ExitCode {
    let mut opts = BuildOptions::new(a.root);
    opts.today = a.today;
    opts.strict = a.strict;
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
        strict: a.strict,
    };
    match build(&opts) {
        Ok(report) => {
            print_report(&report.warnings, RunKind::Build);
            let changed = if report.stats.changed == report.stats.files {
                String::new()
            } else if report.stats.changed == 0 {
                "，和上次相比没有改动".to_string()
            } else {
                format!("，其中{}个文件有改动", report.stats.changed)
            };
            println!(
                "网站已生成：{}（{}条记录，{}个页面{changed}，用时{:.2}秒）",
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
    eprintln!("错误：{}", terminal_safe(msg));
    ExitCode::from(2)
}
