//! Every word the playground shows, in 中文 and English.
//!
//! One catalogue: a [`Text`] names a message, [`Text::get`] gives it in a
//! language. Adding a message means writing both languages in the same line,
//! so neither can be forgotten. Messages may hold `{name}` slots, filled by
//! [`Text::fill`].

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// The post is in Chinese, and so are most of its readers.
    #[default]
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The code stored in localStorage and used in `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.split(['-', '_']).next()?.to_ascii_lowercase().as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's own name, for the switch.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Zh => "中文",
            Lang::En => "English",
        }
    }
}

macro_rules! catalogue {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        /// A message of the catalogue.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Text { $($key),* }

        impl Text {
            pub const ALL: &'static [Text] = &[$(Text::$key),*];

            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Text::$key, Lang::Zh) => $zh, (Text::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

impl Text {
    /// The message with its `{name}` slots filled.
    pub fn fill(self, lang: Lang, slots: &[(&str, &str)]) -> String {
        slots
            .iter()
            .fold(self.get(lang).to_string(), |text, (name, value)| {
                text.replace(&format!("{{{name}}}"), value)
            })
    }
}

catalogue! {
    AppTitle => "并发游乐场", "Concurrency playground";
    AppTagline => "在浏览器里用真实线程重现《Python 并发》一文的每个论断",
        "Every claim of the post “Python 并发”, run on real threads in your browser";
    LanguageLabel => "语言", "Language";
    NavLabel => "文章章节", "Sections of the post";
    NavHome => "首页与系统检测", "Home and system check";
    NavGil => "1 GIL 全局解释器锁", "1 The GIL";
    NavKettle => "2 烧水：同步异步与阻塞", "2 The kettle: sync, async, blocking";
    NavProcesses => "3.1 进程", "3.1 Processes";
    NavLock => "3.2.1 Lock 锁", "3.2.1 Lock";
    NavSemaphore => "3.2.2 Semaphore 信号量", "3.2.2 Semaphore";
    NavCondition => "3.2.3 Condition 条件", "3.2.3 Condition";
    NavCoroutine => "4.1 生成器协程", "4.1 Generator coroutines";
    NavAsync => "4.2 async/await 异步", "4.2 async/await";
    NavSoon => "即将推出", "coming soon";
    NotFoundTitle => "没有这个页面", "No such page";
    NotFoundBody => "地址 {route} 不对应任何页面。请从左侧目录选择。", "The address {route} is not a page. Pick one from the list of sections.";

    CapsLabel => "浏览器能力", "What this browser offers";
    CapsIsolated => "跨源隔离", "Cross-origin isolated";
    CapsSab => "SharedArrayBuffer", "SharedArrayBuffer";
    CapsCores => "逻辑核心", "Logical cores";
    CapsThreads => "线程", "Threads";
    CapsThreadsReady => "{ready} 个已就绪", "{ready} ready";
    CapsThreadsStarting => "启动中……", "starting…";
    CapsThreadsFailed => "不可用", "unavailable";
    CapsRayon => "rayon 线程池", "rayon pool";
    Yes => "是", "yes";
    No => "否", "no";
    ProblemNotIsolated => "此页面没有跨源隔离，因此不能共享内存，也就无法运行真实线程。服务器需要发送 Cross-Origin-Opener-Policy: same-origin 和 Cross-Origin-Embedder-Policy: require-corp 两个响应头。本站自带的 service worker 会尝试补上这两个头并刷新一次；如果仍然失败，请用 README 中的命令启动服务器，或确认浏览器没有禁用 service worker（例如无痕模式）。",
        "This page is not cross-origin isolated, so it cannot share memory, so it cannot run real threads. The server must send the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp. The playground’s service worker tries to add them and reloads once; if that did not help, serve the page with the command in the README, or check that service workers are not blocked (a private window blocks them).";
    ProblemInsecure => "页面不是通过安全上下文（https 或 localhost）打开的，浏览器不允许 service worker 和共享内存。请改用 https 或 http://127.0.0.1。",
        "The page was not opened in a secure context (https or localhost), where browsers allow neither service workers nor shared memory. Open it over https or at http://127.0.0.1.";
    ProblemWorkers => "线程 worker 无法启动：{why}", "Thread workers could not start: {why}";

    PanicBanner => "程序出错了（panic）：{message}。页面仍可使用；如果结果不对，请刷新。",
        "Something went wrong (a panic): {message}. The page still works; reload it if results look wrong.";
    Dismiss => "关闭", "Dismiss";

    HomeIntro1 => "这里的每个实验都对应文章的一节：改一个参数，按“运行”，就能在真实线程上看到文章的论断成立（或不成立），并看到每个线程在什么时候做了什么。",
        "Each experiment here is one section of the post: change a parameter, press Run, and watch the post's claim hold (or fail) on real threads, with a plot of what every thread did and when.";
    HomeIntro2 => "线程是共享同一块 WebAssembly 内存的 web worker；Lock、Semaphore、Condition 是我们自己在 Atomics wait/notify 上实现的；异步实验用 JS Promise 睡眠。",
        "Threads are web workers sharing one WebAssembly memory; Lock, Semaphore and Condition are our own, built on Atomics wait/notify; the async demo sleeps on JS promises.";
    SystemTitle => "系统检测：我的浏览器能运行真实线程吗？", "System check: can my browser run real threads?";
    SystemIntro => "先在一个线程里把 fib(n) 连算 k 份，再让 k 个线程各算一份（每份是 fib(n) 算 r 遍）。如果线程真的并行，第二种应快约 k 倍（最多到核心数）。还会测量启动 1、10、100 个线程的时间：冷启动（新建 worker）和热启动（复用 worker）。",
        "First one thread computes k shares of fib(n) in a row, then k threads compute one share each (a share is fib(n), r times). If the threads really run in parallel, the second is about k times faster (up to the number of cores). It also times starting 1, 10 and 100 threads: cold (new workers) and warm (reused workers).";
    FieldFibN => "fib 的参数 n", "fib argument n";
    FieldFibNHelp => "n 每加 1，计算量约乘 1.6", "each step of n costs about 1.6 times more";
    FieldRepeat => "每份工作重复 r 次", "repeat each share r times";
    FieldRepeatHelp => "一次 fib(30) 只要几毫秒，太短，难以准确计时；重复多遍，让每个线程忙上几百毫秒", "one fib(30) takes a few ms, too short to time well; repeating it keeps each thread busy for a few hundred ms";
    FieldThreads => "线程数 k", "threads k";
    FieldThreadsHelp => "默认是逻辑核心数", "defaults to the number of logical cores";

    Run => "运行", "Run";
    Cancel => "取消", "Cancel";
    Running => "运行中……", "Running…";
    StatusOk => "完成", "Done";
    StatusError => "出错", "Error";
    StatusCancelled => "已取消", "Cancelled";
    Progress => "进度 {done}/{total}", "Progress {done}/{total}";
    ElapsedMs => "用时 {ms} 毫秒", "took {ms} ms";
    DownloadJson => "下载报告 JSON", "Download report JSON";
    ReportHeading => "报告（JSON）", "Report (JSON)";
    FixFieldsFirst => "请先改正上面标出的参数。", "Fix the fields marked above first.";

    ErrNotInteger => "“{value}”不是整数", "“{value}” is not a whole number";
    ErrOutOfRange => "{value} 超出范围：应在 {min} 到 {max} 之间", "{value} is out of range: use {min} to {max}";
    ErrNotBool => "“{value}”不是 true 或 false", "“{value}” is not true or false";
    ErrNotChoice => "“{value}”不是可选值：{options}", "“{value}” is not one of: {options}";
    ErrUnknownParam => "未知参数“{name}”（已忽略）", "Unknown parameter “{name}” (ignored)";

    SpeedupHeading => "一个线程 vs 多个线程", "One thread vs many";
    SequentialLabel => "1 个线程算 {k} 份", "1 thread, {k} shares";
    ParallelLabel => "{k} 个线程各算 1 份", "{k} threads, a share each";
    SpeedupResult => "加速比 {x}×（核心数 {cores}）", "Speedup {x}× (on {cores} cores)";
    SpeedupVerdictYes => "线程确实在并行运行。", "The threads really run in parallel.";
    SpeedupVerdictNo => "没有看到加速：线程没有并行运行（或只有一个核心）。", "No speedup: the threads did not run in parallel (or there is one core).";
    TimelineHeading => "每个线程在做什么", "What each thread did";
    TimelineAxis => "时间（毫秒）", "time (ms)";
    LaneSequential => "顺序", "sequential";
    LaneThread => "线程 {i}", "thread {i}";
    StateRunning => "计算", "computing";
    StartHeading => "启动线程要多久", "How long starting threads takes";
    StartThreads => "线程数", "threads";
    StartCold => "冷启动（新 worker）", "cold (new workers)";
    StartWarm => "热启动（复用 worker）", "warm (reused workers)";
    StartNote => "冷启动要加载并实例化整个程序；热启动只需唤醒一个已在等待的 worker。所以线程池会保留空闲的 worker。",
        "A cold start loads and instantiates the whole program; a warm start only wakes a worker that is already waiting. That is why the pool keeps idle workers.";
    Milliseconds => "{ms} 毫秒", "{ms} ms";
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slots(text: &str) -> Vec<&str> {
        let mut found: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        found.sort_unstable();
        found
    }

    #[test]
    fn every_message_exists_in_both_languages_with_the_same_slots() {
        for text in Text::ALL {
            let (zh, en) = (text.get(Lang::Zh), text.get(Lang::En));
            assert!(
                !zh.trim().is_empty() && !en.trim().is_empty(),
                "{text:?} is empty"
            );
            assert_eq!(slots(zh), slots(en), "{text:?} has different slots");
        }
    }

    #[test]
    fn chinese_messages_are_chinese_unless_they_are_names() {
        // Names and figures read the same in both languages.
        let same_in_both = [Text::CapsSab];
        for text in Text::ALL.iter().filter(|t| !same_in_both.contains(t)) {
            let zh = text.get(Lang::Zh);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{text:?}: {zh}"
            );
        }
    }

    #[test]
    fn fill_replaces_every_slot() {
        let text =
            Text::ErrOutOfRange.fill(Lang::En, &[("value", "0"), ("min", "1"), ("max", "9")]);
        assert_eq!(text, "0 is out of range: use 1 to 9");
    }

    #[test]
    fn language_codes_round_trip_and_accept_regions() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_code("en_GB"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
    }
}

#[cfg(test)]
mod boot_script_tests {
    use super::*;

    /// src/web/boot.js shows these messages when the program cannot start,
    /// so it carries copies; they must not drift from the catalogue.
    #[test]
    fn the_boot_script_speaks_the_catalogue() {
        let boot = include_str!("web/boot.js");
        for text in [Text::ProblemNotIsolated, Text::ProblemInsecure] {
            for lang in Lang::ALL {
                assert!(
                    boot.contains(text.get(lang)),
                    "boot.js lacks {text:?} in {lang:?}"
                );
            }
        }
    }
}
