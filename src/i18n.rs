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

            /// The message as written: identifiers in `backticks`, which
            /// prose shows in code font (see [`code_spans`]).
            pub fn marked(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Text::$key, Lang::Zh) => $zh, (Text::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

impl Text {
    /// The message as plain text, its backticks dropped: for labels,
    /// attributes, plots and reports, where there is no code font.
    pub fn get(self, lang: Lang) -> &'static str {
        let marked = self.marked(lang);
        if !marked.contains('`') {
            return marked;
        }
        // Made once, for the messages that mark code.
        static PLAIN: std::sync::OnceLock<Vec<[&'static str; 2]>> = std::sync::OnceLock::new();
        let plain = PLAIN.get_or_init(|| {
            Text::ALL
                .iter()
                .map(|t| Lang::ALL.map(|l| &*Box::leak(plain(t.marked(l)).into_boxed_str())))
                .collect()
        });
        plain[self as usize][lang as usize]
    }

    /// The message with its `{name}` slots filled, as plain text.
    pub fn fill(self, lang: Lang, slots: &[(&str, &str)]) -> String {
        fill_slots(self.get(lang), slots)
    }

    /// The message with its slots filled, code still in backticks: for
    /// prose (see [`code_spans`]).
    pub fn fill_marked(self, lang: Lang, slots: &[(&str, &str)]) -> String {
        fill_slots(self.marked(lang), slots)
    }
}

fn fill_slots(text: &str, slots: &[(&str, &str)]) -> String {
    slots.iter().fold(text.to_string(), |text, (name, value)| {
        text.replace(&format!("{{{name}}}"), value)
    })
}

/// A marked text without its backticks.
pub fn plain(marked: &str) -> String {
    marked.replace('`', "")
}

/// A marked text in pieces, `(is_code, text)`: code where it was in
/// backticks.
pub fn code_spans(marked: &str) -> impl Iterator<Item = (bool, &str)> {
    marked
        .split('`')
        .enumerate()
        .map(|(i, piece)| (i % 2 == 1, piece))
        .filter(|(_, piece)| !piece.is_empty())
}

catalogue! {
    AppTitle => "并发游乐场", "Concurrency playground";
    AppTagline => "在浏览器里用真实线程重现《Python 并发》一文的每个论断",
        "Every claim of the post “Python 并发”, run on real threads in your browser";
    LanguageLabel => "语言", "Language";
    NavLabel => "文章章节", "Sections of the post";
    NavToggle => "☰ 章节", "☰ Sections";
    NavHome => "首页与系统检测", "Home and system check";
    NavGil => "1 GIL 全局解释器锁", "1 The GIL";
    NavKettle => "2.1 老张的水壶：同步异步与阻塞",
        "2.1 The kettle: sync, async, blocking";
    NavProcesses => "3.1 进程", "3.1 Processes";
    NavLock => "3.2.1 锁 `Lock`",
        "3.2.1 Lock";
    NavSemaphore => "3.2.2 信号量 `Semaphore`",
        "3.2.2 Semaphore";
    NavCondition => "3.2.3 条件变量 `Condition`",
        "3.2.3 Condition";
    NavCoroutine => "4.1 生成器协程", "4.1 Generator coroutines";
    NavAsync => "4.2 `async`/`await` 异步",
        "4.2 `async`/`await`";
    NotFoundTitle => "没有这个页面", "No such page";
    NotFoundBody => "地址 {route} 不对应任何页面。请从左侧目录选择。", "The address {route} is not a page. Pick one from the list of sections.";

    CapsLabel => "浏览器能力", "What this browser offers";
    CapsIsolated => "跨源隔离", "Cross-origin isolated";
    CapsSab => "`SharedArrayBuffer`",
        "`SharedArrayBuffer`";
    CapsCores => "逻辑核心", "Logical cores";
    CapsBrowser => "浏览器", "Browser";
    CapsClock => "计时精度", "Clock step";
    CapsClockValue => "{ms} 毫秒（时间线上更短的间隔量不出来）", "{ms} ms (the timelines cannot show anything shorter)";
    CapsThreads => "线程", "Threads";
    CapsThreadsReady => "{ready} 个已就绪", "{ready} ready";
    CapsThreadsStarting => "启动中……", "starting…";
    CapsThreadsFailed => "不可用", "unavailable";
    CapsRayon => "`rayon` 线程池",
        "`rayon` pool";
    Yes => "是", "yes";
    No => "否", "no";
    ProblemNotIsolated => "此页面没有跨源隔离，因此不能共享内存，也就无法运行真实线程。服务器需要发送 `Cross-Origin-Opener-Policy: same-origin` 和 `Cross-Origin-Embedder-Policy: require-corp` 两个响应头。本站自带的 Service Worker 会尝试补上这两个头并刷新一次；如果仍然失败，请用 README 中的命令启动服务器，或确认浏览器没有禁用 Service Worker（例如无痕模式）。",
        "This page is not cross-origin isolated, and therefore cannot share memory or run real threads. The server must send the headers `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`. The playground’s service worker tries to add them and reloads once; if that did not help, serve the page with the command in the README, or check that service workers are not blocked (a private window blocks them).";
    ProblemInsecure => "页面不是通过安全上下文（`https` 或 `localhost`）打开的，浏览器不允许 Service Worker 和共享内存。请改用 `https` 或 `http://127.0.0.1`。",
        "The page was not opened in a secure context (`https` or `localhost`), where browsers allow neither service workers nor shared memory. Open it over `https` or at `http://127.0.0.1`.";
    ProblemWorkers => "线程所用的 Worker 无法启动：{why}",
        "Thread workers could not start: {why}";

    PanicBanner => "程序出错了（`panic`）：{message}。页面仍可使用；如果结果不对，请刷新。",
        "Something went wrong (a `panic`): {message}. The page still works; reload it if results look wrong.";
    Dismiss => "关闭", "Dismiss";

    HomeIntro1 => "这里的每个实验都对应文章的一节：改一个参数，按“运行”，就能在真实线程上看到文章的论断成立（或不成立），并看到每个线程在什么时候做了什么。",
        "Each experiment here is one section of the post: change a parameter, press Run, and watch the post's claim hold (or fail) on real threads, with a plot of what every thread did and when.";
    HomeIntro2 => "线程是共享同一块 WebAssembly 内存的 Web Worker；锁、信号量和条件变量是我们自己在 WebAssembly 的 `memory.atomic.wait32` 与 `memory.atomic.notify` 上实现的（与 JS 的 `Atomics.wait`、`Atomics.notify` 是同一种等待与唤醒）；异步实验里的睡眠由 JS 的 `Promise`（`setTimeout`）实现。",
        "Threads are web workers sharing one WebAssembly memory; the Lock, Semaphore and Condition are our own, built on WebAssembly's `memory.atomic.wait32` and `memory.atomic.notify` (the same wait and wake as JS's `Atomics.wait` and `Atomics.notify`); the async demo sleeps on JS promises (`setTimeout`).";
    SystemTitle => "系统检测：我的浏览器能运行真实线程吗？", "System check: can my browser run real threads?";
    SystemIntro => "先在一个线程里连做 `k` 份工作，再让 `k` 个线程各做一份（每份是把 `fib(n)` 算 `r` 遍）。如果线程真的并行，第二种的用时应降到约 1/`k`（最多降到 1/核心数）。两种都先跑一轮不计时的预热。还会测量启动 {start_counts} 个线程的时间：冷启动（新建 Worker）和热启动（复用 Worker）。",
        "First one thread does `k` shares of work in a row, then `k` threads do one share each (a share is `fib(n)`, `r` times). If the threads really run in parallel, the second takes about 1/`k` of the time (1/cores at best). Both get an untimed warm-up round first. It also times starting {start_counts} threads: cold (new workers) and warm (reused workers).";
    FieldFibN => "`fib` 的参数 `n`",
        "`fib` argument `n`";
    FieldFibNHelp => "`n` 每加 1，计算量约乘以 1.6（黄金比 φ）",
        "each +1 to `n` multiplies the work by about 1.6 (φ, the golden ratio)";
    FieldRepeat => "每份工作重复 `r` 次",
        "repeat each share `r` times";
    FieldRepeatHelp => "一次 `fib(30)` 太短，难以准确计时；重复多遍，让每个线程忙得久一些",
        "one `fib(30)` is too short to time well; repeating it keeps each thread busy for longer";
    FieldGilThreadsHelp => "同时工作的线程（或进程）数；顺序模式在一个线程里连做 `k` 份",
        "how many threads (or processes) work at once; sequential does the `k` shares one after another on one thread";
    FieldSwitchInterval => "切换间隔（毫秒）", "switch interval (ms)";
    FieldSwitchIntervalHelp => "CPython 的 `sys.getswitchinterval()`，默认 5 毫秒：想要 GIL 的线程先等这么久，再请求持有者在下一个检查点交出 GIL",
        "CPython's `sys.getswitchinterval()`, 5 ms by default: a thread that wants the GIL waits this long, then asks the holder to drop it at its next check point";
    FieldModes => "模式", "modes";
    FieldModesHelp => "逗号分隔：`sequential`（顺序）、`gil`（有 GIL 的线程）、`free`（自由线程，没有 GIL）、`processes`（进程）",
        "comma list of: `sequential`, `gil` (threads under a GIL), `free` (free threads, no GIL), `processes`";
    FieldWorkers => "线程数 / 进程数", "threads / processes";
    FieldWorkersHelp => "每种方式各开这么多个，每个算一次 `fib(n)`",
        "how many of each to start; each computes `fib(n)` once";
    FieldLockThreadsHelp => "每个线程读一次计数器、睡一会儿，再把读到的值加 1 写回",
        "each thread reads the counter, sleeps, and writes back what it read plus one";
    FieldSleepMs => "读写之间睡眠（毫秒）", "sleep between read and write (ms)";
    FieldSleepMsHelp => "睡得越久，不加锁时线程的读写窗口越容易重叠", "the longer the sleep, the more the read→write windows overlap without the lock";
    FieldUseLock => "使用锁", "use the lock";
    FieldUseLockHelp => "`true`：读和写都在我们的锁里；`false`：不加锁",
        "`true`: read and write inside our Lock; `false`: no lock";
    FieldPermits => "许可数 `k`",
        "permits `k`";
    FieldPermitsHelp => "信号量 `Semaphore(k)`：同一时刻最多 `k` 个线程持有许可",
        "`Semaphore(k)`: at most `k` threads hold a permit at once";
    FieldMaxHold => "最长持有时间（毫秒）", "longest hold (ms)";
    FieldMaxHoldHelp => "每个线程持有许可的时间，在 0 到这么久之间随机", "each thread holds its permit for a random time up to this";
    FieldSeed => "随机种子", "random seed";
    FieldSeedHelp => "留空则每次随机；填同一个种子可以重现同一次运行", "empty: a new one each run; the same seed gives the same run again";
    FieldConsumers => "消费者数", "consumers";
    FieldConsumerStart => "每个消费者的启动时刻（毫秒）",
        "when each consumer starts (ms)";
    FieldConsumerStartHelp => "逗号分隔，每个消费者一个；启动后它先拿到锁，再开始等",
        "a comma list, one per consumer; once started, it takes the lock and begins to wait";
    FieldProducerDelay => "生产者延迟（毫秒）", "producer delay (ms)";
    FieldProducerDelayHelp => "生产者过这么久才生产并通知", "the producer produces and notifies after this long";
    FieldNotify => "通知几个", "notify";
    FieldNotifyHelp => "`all` 即 `notify_all()`；数字 `n` 即 `notify(n)`",
        "`all` is `notify_all()`; a number `n` is `notify(n)`";
    FieldUsePredicate => "用谓词等待", "wait with a predicate";
    FieldUsePredicateHelp => "`true`：用 `wait_for` 等到资源就绪；`false`：像原文一样直接 `wait()`",
        "`true`: `wait_for` the resource to be there; `false`: a plain `wait()`, as in the post";
    FieldTimeout => "等待超时（毫秒）", "wait timeout (ms)";
    FieldTimeoutHelp => "每次等待最多这么久，所以永远不会卡死", "no wait lasts longer than this, so nothing hangs";
    FieldThreads => "线程数 `k`",
        "threads `k`";
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

    ErrNotInteger => "`{value}` 不是整数", "“{value}” is not a whole number";
    ErrOutOfRange => "`{value}` 超出范围：应在 {min} 到 {max} 之间", "{value} is out of range: use {min} to {max}";
    ErrNotNumber => "`{value}` 不是数字", "“{value}” is not a number";
    RandomPlaceholder => "随机", "random";
    ErrWrongCount => "需要正好 {n} 个值：{per}",
        "needs exactly {n} values, {per}";
    ErrEmptySet => "至少选一项：`{options}`",
        "choose at least one of: `{options}`";
    ErrNotBool => "`{value}` 不是 `true` 或 `false`",
        "“{value}” is not `true` or `false`";
    ErrNotChoice => "`{value}` 不是可选值，可选：`{options}`",
        "“{value}” is not one of: `{options}`";
    ErrUnknownParam => "未知参数 `{name}`（已忽略）", "Unknown parameter “{name}” (ignored)";

    SpeedupHeading => "一个线程与多个线程",
        "One thread against many";
    SequentialLabel => "1 个线程算 {k} 份", "1 thread, {k} shares";
    ParallelLabel => "{k} 个线程各算 1 份", "{k} threads, a share each";
    SpeedupResult => "{speedup}（核心数 {cores}）",
        "{speedup} (on {cores} cores)";
    SpeedupVerdictYes => "线程确实在并行运行。", "The threads really run in parallel.";
    GilCurveNoise => "曲线上有 {count} 个点高于 {cores} 个核心所能达到的加速比（最高 {x}×）：那是测量噪声，不是真的更快。",
        "{count} points of the curve lie above what {cores} cores can give (up to {x}×): measurement noise, not a real gain.";
    LabelWithNote => "{label}（{note}）", "{label} ({note})";
    SpeedupVerdictOneThread => "只有一个线程：两边做的是同一件事，用时的差别就是噪声的大小。", "One thread: both sides do the same work; the difference is the noise.";
    SpeedupVerdictNo => "加速比没有明显大于 1：线程没有并行运行（或只有一个核心）。", "No speedup: the threads did not run in parallel (or there is one core).";
    TimelineHeading => "每个线程在做什么", "What each thread did";
    TimelineAxis => "时间（毫秒）", "time (ms)";
    PlotSummary => "图中数据：{lanes} 条泳道、{spans} 段，从 {from} 到 {to} 毫秒（展开看表格）", "The data: {lanes} lanes, {spans} spans, from {from} to {to} ms (open for the table)";
    PlotLane => "泳道", "lane";
    PlotBarsSummary => "图中数据：{n} 根柱子，最长的是“{longest}”，{value} {unit}（展开看表格）", "The data: {n} bars; the longest is “{longest}”, {value} {unit} (open for the table)";
    PlotBar => "柱子", "bar";
    PlotValue => "数值（{unit}）", "value ({unit})";
    PlotCurveSummary => "图中数据：{lines} 条折线、{points} 个点，横轴从 {from} 到 {to}（展开看表格）", "The data: {lines} lines, {points} points, x from {from} to {to} (open for the table)";
    PlotState => "状态", "state";
    PlotFrom => "开始（毫秒）", "from (ms)";
    PlotTo => "结束（毫秒）", "to (ms)";
    ExportSvg => "下载 SVG", "Download SVG";
    ExportPng => "下载 PNG", "Download PNG";
    CursorLabel => "时间光标", "time cursor";
    CursorHint => "拖动或点击时间线，或按 ← → 逐个事件移动（Home/End 到头尾），看每一刻谁在做什么。", "Drag or click on the timeline, or press ← → to step from event to event (Home/End for the ends), to see who does what at each instant.";
    CursorPlay => "▶ 回放", "▶ Replay";
    CursorPause => "⏸ 暂停", "⏸ Pause";
    CursorAt => "第 {ms} 毫秒：", "At {ms} ms:";
    CursorMore => "，另外 {n} 个", ", and {n} more";
    CursorNothing => "此刻没有任何线程处在图中的状态。", "At this instant no lane is in any of the drawn states.";
    LaneSequential => "顺序", "sequential";
    LaneThread => "线程 {i}", "thread {i}";
    StateRunning => "计算", "computing";
    StartHeading => "启动线程要多久", "How long starting threads takes";
    StartThreads => "线程数", "threads";
    StartCold => "冷启动（新 Worker）",
        "cold (new workers)";
    StartWarm => "热启动（复用 Worker）",
        "warm (reused workers)";
    StartWarmReady => "热启动（事先备好的 Worker）",
        "warm (workers ready beforehand)";
    StartFirst => "第一次启动",
        "first start";
    StartSecond => "第二次启动",
        "second start";
    StartNote => "冷启动要加载并实例化整个程序；热启动只需唤醒一个已在等待的 Worker。所以线程池会保留空闲的 Worker。",
        "A cold start loads and instantiates the whole program; a warm start only wakes a worker that is already waiting. That is why the pool keeps idle workers.";
    Milliseconds => "{ms} 毫秒", "{ms} ms";

    StateWaiting => "等待", "waiting";
    StateHolding => "持有", "holding";
    StateReadWrite => "读 → 写", "read → write";
    StateSleeping => "睡眠", "sleeping";
    LaneConsumer => "消费者 {i}", "consumer {i}";
    LaneProducer => "生产者", "producer";
    GilCursor => "有 GIL：{holder}持有 GIL，{waiting} 个线程在等它。没有 GIL：{free} 个线程同时在工作。",
        "With the GIL: {holder} holds it; threads waiting for it: {waiting}. Without a GIL: threads working at once: {free}.";
    GilCursorNobody => "没有线程", "no thread";
    StateHoldingGil => "持有 GIL",
        "holding the GIL";
    StateStarting => "启动中", "starting";
    ModeSequential => "顺序", "sequential";
    ModeGil => "有 GIL 的线程", "threads, GIL";
    ModeFree => "自由线程",
        "free threads";
    ModeThreads => "线程", "threads";
    ModeProcesses => "进程", "processes";
    LaneProcess => "进程 {i}", "process {i}";
    LaneOfMode => "{mode} · {lane}", "{mode} · {lane}";
    CodeHeading => "代码：Python 与实际运行的 Rust", "The code: Python, and the Rust that runs";
    CodePython => "Python（标准库，与本页实验相同）", "Python (standard library, the same experiment)";
    CodeRust => "Rust（本页实际运行的代码）", "Rust (what this page runs)";

    GilIntro1 => "文章的第一个论断：CPython 有全局解释器锁（GIL），同一时刻只有一个线程执行 Python 字节码。所以两个线程各算一次 `fib(35)`，并不比一个线程连算两次快；而两个进程各有自己的解释器和 GIL，用时约减半。",
        "The post's first claim: CPython has a global interpreter lock (GIL), so only one thread runs Python bytecode at a time. Two threads computing `fib(35)` once each are therefore no faster than one thread computing it twice, while two processes, each with its own interpreter and GIL, take about half the time.";
    GilIntro2 => "Rust 没有 GIL，所以这里模拟一个：它是真实线程争抢的一把真锁，切换规则与 CPython 3.2 以来的相同。想要 GIL 的线程先等一个切换间隔，再请求持有者交出；持有者在下一个检查点交出 GIL，并等到别的线程拿到它为止。检查点在 `fib` 的递归里：每个比 `fib({leaf})` 大的子树开头有一个，再小的子树一口气算完。运行后，下面给出检查点之间隔了多少次调用、实际隔了多久。",
        "Rust has no GIL, so this page emulates one: a real lock that real threads contend for, handed over by CPython's rule since 3.2. A thread that wants the GIL first waits one switch interval, then asks the holder to let go; the holder drops it at its next check point and waits until another thread has taken it. Check points sit in `fib`'s recursion: one at the start of every subtree larger than `fib({leaf})`; smaller subtrees run through without one. After a run, the page says how many calls and how much time lay between them.";
    GilIntro3 => "Rust 的 `fib` 比 CPython 的快得多（运行后下面给出这次的倍数），所以启动一个进程（在一个事先备好的 Worker 里新建自己的实例和内存）的开销不能再忽略：下面把它单独列出，并算出从哪个 `n` 起进程才划算。把 `work` 改成 `sleep`，每份工作就变成一次等待（像 `time.sleep` 或 I/O），等待时线程会释放 GIL。",
        "Rust's `fib` is much faster than CPython's (a run says by how much), so starting a process (a new instance with its own memory, made in a worker prepared beforehand) is no longer negligible next to the work: it is shown on its own below, with the `n` from which processes pay off. Set `work` to `sleep` and each share becomes a wait (as `time.sleep` or I/O), during which a thread lets go of the GIL.";
    GilBarsHeading => "每种方式的总用时（含启动与 `join`，取最快一轮）",
        "Total time per mode (start and `join` included, fastest round)";
    GilVerdictGil => "有 GIL：{k} 个线程，{speedup}；GIL 切换 {switches} 次。",
        "With the GIL: {k} threads, {speedup}; the GIL changed hands {switches} times.";
    GilVerdictFree => "没有 GIL：{k} 个线程，{speedup}。",
        "Without a GIL: {k} threads, {speedup}.";
    GilVerdictProcesses => "进程：{speedup}；其中启动用了 {spawn} 毫秒。",
        "Processes: {speedup}; starting them took {spawn} ms of it.";
    GilChecks => "检查点之间平均约 {mean} 次、最多 {calls} 次 `fib` 调用；持有者平均每 {us} 微秒经过一个检查点。",
        "Between check points run {mean} calls of `fib` on average, {calls} at most; a holder passed one every {us} µs on average.";
    GilTruncated => "GIL 切换太多，时间线只画出了其中一部分。",
        "So many switches that the timeline shows only some of them.";
    GilTimelineHeading => "每个线程或进程在做什么（各模式从自己的开始算起）", "What each thread or process did (each mode from its own start)";
    GilCurveHeading => "加速比随线程数 / 进程数的变化", "Speedup by number of threads or processes";
    GilCurveX => "线程数 / 进程数 `k`",
        "threads or processes k";
    GilCurveY => "加速比（顺序做 `k` 份的时间 ÷ 实测）",
        "speedup (k shares in sequence ÷ measured)";
    GilCurveIdeal => "理想：`k`×",
        "ideal: k×";
    BreakEven => "一次 `fib(n)` 约 {fib} 毫秒，启动这些进程约 {spawn} 毫秒；`n` 每加 1，计算量约乘以 {phi}，按此估算，`n` ≥ {m} 时 {k} 个进程才比顺序执行快。",
        "One `fib(n)` takes about {fib} ms and starting the processes about {spawn} ms; each +1 to `n` multiplies the work by about {phi}, so by that estimate {k} processes beat the sequence from `n` = {m} on.";
    BreakEvenNever => "只有一个核心或一个进程时，进程永远不会比顺序执行快。", "With one core or one process, processes never beat the sequence.";

    LockIntro => "每个线程读取共享计数器、睡一会儿、再把读到的值加 1 写回。不加锁时，多个线程读到同一个旧值，后写的覆盖先写的，更新就丢了；放进我们的锁里，同一时刻只有一个线程处在“读→写”之间，结果正好等于线程数。",
        "Each thread reads a shared counter, sleeps a little, and writes back what it read plus one. Without a lock, several threads read the same old value and the later writes overwrite the earlier ones: updates are lost. Inside our Lock only one thread at a time is between its read and its write, and the count comes out exactly the number of threads.";
    LockVerdictExact => "计数器 = {value}，应为 {expected}：一次更新都没丢。", "Counter = {value}, expected {expected}: no update was lost.";
    LockVerdictLost => "计数器 = {value}，应为 {expected}：丢了 {lost} 次更新。", "Counter = {value}, expected {expected}: {lost} updates were lost.";
    LockTimes => "用时 {ms} 毫秒，其中启动所有线程 {spawn} 毫秒；同时处在“读→写”之间的线程最多 {overlap} 个。", "Took {ms} ms, of which starting every thread {spawn} ms; threads between read and write at once: at most {overlap}.";
    LockTimelineHeading => "每个线程的“读→写”窗口（加锁时先等锁）", "Each thread's read → write window (with the lock, after waiting for it)";
    LockTimelineHeadingNoLock => "每个线程的“读→写”窗口（不加锁：窗口互相重叠）", "Each thread's read → write window (no lock: the windows overlap)";
    SemaphoreCursorHolders => "此刻 {permits} 个许可中有 {holding} 个被持有。",
        "{holding} of the {permits} permits are held now.";
    ConditionCursorNotified => "生产者已在 {ms} 毫秒发出通知。", "The producer notified at {ms} ms.";
    ConditionCursorNotYet => "生产者还没有发出通知。", "The producer has not notified yet.";
    ConditionCursorWoken => "到此刻已继续运行的消费者：{who}。",
        "Consumers that have gone on by now: {who}.";
    ConditionCursorNoneWoken => "还没有消费者继续运行。",
        "No consumer has gone on yet.";
    LockCursorCounter => "此刻计数器的值是 {value}，已有 {writes} 个线程写回。", "The counter is {value} now; {writes} threads have written it back.";
    LockTimelineAxis => "自全部线程同时放行起的时间（毫秒）",
        "time since the threads were released together (ms)";
    LockTimelineNote => "启动这 {threads} 个线程用了 {spawn} 毫秒，图中未画出：它们先在一道屏障前集合，到齐后同时放行，时间从那一刻算起。",
        "Starting the {threads} threads took {spawn} ms, not drawn: they gather at a barrier and are released together once all are there, and time counts from then.";
    SemaphoreIntro => "信号量 `Semaphore(k)` 同一时刻最多让 `k` 个线程持有许可。每个线程拿到许可后持有一段随机的时间再归还；日志像原文的输出一样，记下每次拿到和归还许可。甘特图画出每个线程何时在等、何时持有许可；下面的阶梯线是每一刻的持有者数，横线是许可数 `k`：阶梯线从不越过横线。",
        "A `Semaphore(k)` lets at most `k` threads hold a permit at a time. Each thread holds its permit for a random time, then gives it back; like the post's output, the log notes every permit taken and given back. The Gantt chart shows when each thread waited and when it held a permit; below it, the step line counts the holders at each instant and the flat line marks the `k` permits: the steps never cross it.";
    SemaphoreVerdict => "同时持有许可的线程最多 {most} 个（许可数 {permits}）。", "Threads holding a permit at once: at most {most} (permits: {permits}).";
    SemaphoreGanttHeading => "每个线程：等待许可，持有许可", "Each thread: waiting for a permit, holding one";
    SemaphoreCountHeading => "同时持有许可的线程数", "Threads holding a permit";
    SemaphoreCountAxis => "持有者", "holders";
    SemaphorePermitsLine => "许可数 {k}", "permits: {k}";
    SemaphoreLogHeading => "日志", "Log";
    ConditionIntro1 => "消费者在我们的条件变量上等待，生产者让资源就绪后通知（`notify(n)` 或 `notify_all()`）。时间线上能看到谁在等、谁在什么时候继续、谁超时了。",
        "Consumers wait on our Condition; the producer makes the resource available and notifies (`notify(n)` or `notify_all()`). The timeline shows who waited, who went on when, and who timed out.";
    ConditionIntro2 => "原文的例子靠 `sleep` 让两个消费者先开始等，生产者后通知。如果某个消费者在通知之后才开始等，那么已经在等的消费者都收到了通知，它却错过了：条件变量不会记住过去的通知；照原文的写法，它会一直等下去。这里每次等待都有超时，所以它会超时而不是卡死。改用 `wait_for` 并传入谓词（资源是否已就绪）就不会错过：它先检查资源，已经就绪就不用等。",
        "The post's example relies on `sleep` so that both consumers wait before the producer notifies. If a consumer only starts waiting after the notify, the consumers already waiting receive it and the late one misses it: a Condition does not remember past notifies, and in the post's code the late one would wait forever. Here every wait has a timeout, so it times out instead of hanging. `wait_for` with a predicate (is the resource there?) cannot miss it: it looks at the resource first and does not wait if it is there.";
    ConditionPresetLost => "丢失唤醒：第二个消费者在通知之后才开始等",
        "lost wake-up: the second consumer starts after the notify";
    ConditionPresetCured => "改用 `wait_for` 检查谓词",
        "the cure: `wait_for` a predicate";
    ConditionTimelineHeading => "消费者和生产者", "Consumers and the producer";
    ConditionNotifyMarker => "通知",
        "notify";
    ConditionConsumer => "消费者", "consumer";
    ConditionStartCol => "开始", "start";
    ConditionWaitCol => "拿到锁",
        "took the lock";
    ConditionOutcomeCol => "结果", "outcome";
    ConditionWoke => "被通知唤醒，在 {ms} 毫秒继续",
        "woken by the notify, went on at {ms} ms";
    ConditionTimedOut => "超时：在通知之后才开始等，错过了它",
        "timed out: began waiting after the notify and missed it";
    ConditionNotifyAt => "生产者在 {ms} 毫秒通知。", "The producer notified at {ms} ms.";
    FieldBoilMinutes => "烧开要几分钟", "minutes to boil";
    FieldCheckEvery => "每隔几分钟去看一次",
        "minutes between looks";
    FieldCheckEveryHelp => "只有“同步非阻塞”情况里的老张会去看；每次去看要花 {kettle_look_minutes} 分钟",
        "only Lao Zhang of the sync, non-blocking case goes to look; each look takes {kettle_look_minutes} minute";
    FieldMsPerMinute => "故事里一分钟 = 多少毫秒", "real ms per story minute";
    FieldMsPerMinuteHelp => "200 表示故事里的 5 分钟实际跑 1 秒", "200 means the story's 5 minutes take 1 real second";
    KettleIntro1 => "老张烧水，要么站在水壶边等，要么去看电视；水壶要么是普通水壶，要么是水开了会响的响水壶。同步还是异步，说的是水壶（水开了它会不会告诉老张）；阻塞还是非阻塞，说的是老张（等水的时候他能不能做别的事）。四种情况各自用它代表的真实机制来跑：",
        "Lao Zhang boils water and either stands at the kettle or watches TV; the kettle is a plain one, or a whistling one that tells him when the water boils. Sync or async is about the kettle (does it tell him?); blocking or non-blocking is about Lao Zhang (can he do anything else while he waits?). Each of the four cases runs on the real mechanism it stands for:";
    KettleCase1 => "同步阻塞：老张的线程阻塞在水壶上（我们的 `Event.wait`）。",
        "Sync, blocking: Lao Zhang's thread blocks on the kettle (our `Event.wait`).";
    KettleCase2 => "同步非阻塞：老张的线程看电视，每隔一会儿去看一眼（轮询 `Event.is_set`）。",
        "Sync, non-blocking: Lao Zhang's thread watches TV and goes to look every so often (polling `Event.is_set`).";
    KettleCase3 => "异步阻塞：老张的任务在页面的事件循环上立刻 `await` 水壶的哨声（水壶线程兑现的一个 `Promise`），别的什么也不做。被阻塞的是老张的任务；事件循环本身是空闲的，只是没有别的任务可运行。",
        "Async, blocking: Lao Zhang's task, on the page's event loop, awaits the whistle at once (a `Promise` that the kettle's thread resolves) and does nothing else. What is blocked is his task; the event loop itself is free, it just has nothing else to run.";
    KettleCase4 => "异步非阻塞：老张在事件循环上一段一段地看电视（每一段都是这个线程上的真实工作）；哨声的回调会把水拿走，可回调只能在事件循环空闲时运行，所以要等正在播的这一段结束。页面只有一个事件循环，所以这种情况在前三种之后单独跑。",
        "Async, non-blocking: Lao Zhang watches TV on the event loop, scene after scene (each one real work on that one thread); the whistle's callback picks up the water, but a callback runs only when the loop is free, so it waits for the scene in progress to end. The page has one event loop, so this case runs on its own, after the other three.";
    KettleTableCase => "情况", "case";
    KettleTableTv => "烧水时看了几分钟电视", "minutes of TV while it heated";
    KettleTableChecks => "去看了几次水壶", "looks at the kettle";
    KettleTableDelay => "水开后多久才拿走（分钟）",
        "from boiled to picked up (minutes)";
    KettleTimelineHeading => "老张和水壶在做什么",
        "What Lao Zhang and the kettle did";
    KettleAxis => "时间（毫秒，每种情况从它自己开始算；{ms} 毫秒 = 故事里 1 分钟）", "time (ms, each case from its own start; {ms} ms = one story minute)";
    CaseSyncBlocking => "同步阻塞", "sync, blocking";
    CaseSyncNonblocking => "同步非阻塞", "sync, non-blocking";
    CaseAsyncBlocking => "异步阻塞", "async, blocking";
    CaseAsyncNonblocking => "异步非阻塞", "async, non-blocking";
    LanePerson => "{case} · 老张",
        "{case} · Lao Zhang";
    LaneKettle => "{case} · 水壶", "{case} · kettle";
    KettleCursorCase => "{case}——老张：{person}；水壶：{kettle}。",
        "{case}: Lao Zhang is {person}; the kettle is {kettle}.";
    KettleCursorBetween => "两件事之间", "between two things";
    KettleCursorFinished => "结束了", "done";
    StateWatchingTv => "看电视", "watching TV";
    StateChecking => "去看水壶", "looking at the kettle";
    StateHeating => "加热", "heating";
    StateBoiled => "水开了，不出声",
        "boiled (silent)";
    StateWhistling => "响了", "whistling";
    FieldItems => "数据个数",
        "items";
    FieldItemsHelp => "生产者依次发送 1、2……直到这个数",
        "the producer sends 1, 2, … up to this number";
    CoroutineIntro => "生产者用 `send` 驱动消费者生成器：消费者在 `yield` 处停下，把到目前为止的总数交出去，等下一次 `send` 把新数据送进来。两边轮流在同一个线程上运行，切换只发生在 `yield` 处，所以这里不需要锁；可一旦临界区里有 `yield`（或 `await`），别的代码就可能在中途插进来，那时仍然需要锁，这正是 `asyncio.Lock` 存在的原因。按“运行”一次走完，或用下面的“单步”每次只走一个 `send`。",
        "A producer drives a consumer generator with `send`: the consumer stops at its `yield`, hands out its total so far, and waits for the next `send` to bring the next item in. The two take turns on one thread and change hands only at the `yield`, so no lock is needed here; but once a critical section holds a `yield` (or an `await`), other code can run in its middle, and a lock is needed again: that is why `asyncio.Lock` exists. Run goes through it all; Step below goes one `send` at a time.";
    CoroutineWhy => "Rust 这边用的是夜间版（`nightly`）编译器才有的协程（带恢复参数的 `yield`），因为它和 Python 的生成器一一对应：Python 有一个 `yield` 的地方，Rust 也恰好有一个，状态机由编译器生成。生产者也写成协程，每次 `send` 之后挂起，这样页面才能单步。",
        "The Rust side uses the coroutines of the `nightly` compiler (`yield` with a resume argument), because they map one to one onto Python's generators: where the Python has a `yield`, so does the Rust, and the compiler writes the state machine. The producer is a coroutine too, suspended after each `send`, so that the page can step.";
    CoroutineStepHeading => "单步执行", "Step through it";
    CoroutineStep => "单步（一次 `send`）",
        "Step (one `send`)";
    CoroutineReset => "从头开始", "Start over";
    CoroutineStepCount => "已输出 {lines} 行", "{lines} lines printed";
    CoroutineProducer => "生产者", "producer";
    CoroutineConsumer => "消费者（生成器）", "consumer (generator)";
    SeqAt => "第 {k} / {n} 行输出：{side}打印“{text}”", "Printed line {k} of {n}: the {side} prints “{text}”";
    SeqPrinting => "正在运行，打印这一行", "running, printing this line";
    SeqInSend => "停在 `send` 里：消费者运行到下一个 `yield` 才回来",
        "inside `send`: waits while the consumer runs to its next `yield`";
    SeqAtYield => "停在 `yield`：等下一次 `send`",
        "suspended at `yield` until the next `send`";
    SeqNotStarted => "已创建，还没运行（第一次 `send(None)` 才启动它）",
        "made but not started (the first `send(None)` starts it)";
    SeqClosed => "已被 `close()` 结束：`close()` 在它停着的 `yield` 处抛出 `GeneratorExit`",
        "ended by `close()`, which raised `GeneratorExit` at the `yield` it was suspended at";
    SeqLineNo => "`coroutine.py` 第 {line} 行",
        "`coroutine.py` line {line}";
    SeqHint => "点击一行输出，或按 ← → 逐行移动（Home/End 到头尾），看两边各停在哪一行代码。", "Click a printed line, or press ← → to move line by line (Home/End for the ends), to see which line of the program each side is on.";
    SeqCursorLabel => "输出光标", "line cursor";
    SeqSummary => "图中数据：{lines} 行输出，控制权切换 {handovers} 次（展开看表格）", "The data: {lines} printed lines, control passed {handovers} times (open for the table)";
    SeqColStep => "序号", "#";
    SeqColSide => "谁打印", "printed by";
    SeqColPrinted => "打印的内容", "printed";
    SeqColProducer => "生产者此刻在", "the producer is at";
    SeqColConsumer => "消费者此刻在", "the consumer is at";
    CoroutineTraceHeading => "谁在什么时候运行", "Who runs when";
    FieldTasks => "任务数", "tasks";
    FieldTasksHelp => "第 `i` 个任务睡 `i` 个单位",
        "task `i` sleeps `i` units";
    FieldUnitMs => "单位（毫秒）", "unit (ms)";
    FieldCompareSequential => "也逐个运行", "also run one by one";
    FieldCompareSequentialHelp => "`true`：再让这些任务一个接一个地运行，作比较",
        "`true`: run the same tasks one after another as well, to compare";
    AsyncIntro => "每个任务 `await` 一个 JS 的 `Promise`（`setTimeout`），在这里它就是 `asyncio.sleep`。它们都在页面主线程的同一个事件循环里运行：一个任务在等待时，事件循环去运行别的任务。所以一起运行的总时间约等于最长的那次睡眠，而一个接一个运行要花所有睡眠之和。把 `sleep` 改成 `time`，任务里的睡眠就换成会阻塞的 `time.sleep`：它不把事件循环交出去，一起运行也要花睡眠之和。",
        "Each task awaits a JS `Promise` (`setTimeout`), which is `asyncio.sleep` here. They all run on the page's main thread, in one event loop: while one task awaits, the loop runs the others. So together they take about the longest sleep, and one after another the sum of all sleeps. Set `sleep` to `time` and each task sleeps in a blocking `time.sleep` instead: it never hands the loop back, so together they take the sum too.";
    AsyncBarsHeading => "一起运行与逐个运行", "Together and one after another";
    AsyncCursorLoop => "{run}：{doing}；{waiting} 个任务在等计时器，{done} 个已完成。", "{run}: {doing}; {waiting} tasks await their timers, {done} done.";
    AsyncLoopStarts => "事件循环启动任务 {ids}，各自运行到第一个 `await`",
        "the event loop starts task {ids}, each runs to its first `await`";
    AsyncLoopFinishes => "事件循环恢复任务 {ids}（计时器到了），任务随即运行完毕",
        "the event loop resumes task {ids} (its timer fired), and the task runs to its end";
    AsyncLoopIdle => "事件循环空闲，等下一个计时器", "the event loop is idle until the next timer fires";
    AsyncTogether => "一起（事件循环）", "together (event loop)";
    AsyncOneByOne => "逐个 `await`",
        "awaited one by one";
    AsyncVerdict => "一起运行用了 {together} 毫秒，最长的睡眠是 {longest} 毫秒，睡眠之和是 {sum} 毫秒。", "Together they took {together} ms; the longest sleep is {longest} ms, the sum of the sleeps {sum} ms.";
    AsyncTimelineHeading => "每个任务何时在等待，事件循环何时在运行它们", "When each task awaited, and when the event loop ran them";
    AsyncTimelineNote => "“事件循环”那一行的细线是它运行某个任务的时刻：开始时和睡醒时各一次，其余时间线程空闲。", "The slivers on the event loop's row are the moments it ran a task: once at its start and once when it woke; the rest of the time the thread is free.";
    LaneEventLoop => "事件循环", "event loop";
    LaneTask => "任务 {i}", "task {i}";
    LaneSequentialPrefix => "逐个：", "one by one: ";
    ProcessesIntro1 => "同一个进程里的线程共享这个进程的内存；进程默认各有自己的内存，靠消息通信（Python 的 `multiprocessing` 经由 `Queue`、`Pipe` 传递的对象都要 `pickle`）；要共享，就得显式使用 `multiprocessing` 的共享内存（`Value`、`Array`、`shared_memory`）或服务进程（`Manager`）。这里的“进程”是一个拥有自己 WebAssembly 实例和内存的 Worker，只用 `postMessage` 通信。",
        "Threads of one process share that process's memory; processes by default each have their own and talk by messages (what Python's `multiprocessing` sends through a `Queue` or a `Pipe` is pickled), and share only explicitly: shared memory (`Value`, `Array`, `shared_memory`) or a server process (`Manager`). A “process” here is a worker with its own WebAssembly instance and memory that talks only by `postMessage`.";
    ProcessesIntro2 => "下面同一份工作分别用有 GIL 的线程（像 CPython 一样，用模拟的 GIL）、没有 GIL 的自由线程和进程来做，并单独测量启动的开销。最后看隔离：子进程把全局计数器加了若干次，父进程读到的仍是 0；线程做同样的事，主线程读到的就是加过的值。",
        "Below, the same work runs in threads under the GIL (emulated, as in CPython), in free threads with no GIL, and in processes, and the cost of starting each is measured on its own. Then isolation: a child process adds to a global counter and the parent still reads 0; a thread does the same and the main thread reads the sum.";
    ProcessesBarsHeading => "同样的工作：有 GIL 的线程（和 CPython 一样）、自由线程与进程（含启动与 `join`）",
        "The same work: threads under the GIL (as in CPython), free threads and processes (start and `join` included)";
    ProcessesSpawnOf => "启动 {ms} 毫秒",
        "start {ms} ms";
    SpawnHeading => "启动 {k} 个线程或进程要多久（不做任何工作）", "How long starting {k} threads or processes takes (doing nothing)";
    SpawnMode => "方式", "kind";
    SpawnProcessNote => "这里的进程每次都有全新的实例和内存：像 `spawn` 和 `forkserver` 启动的子进程一样，它不继承父进程的内存，而 `fork` 会复制一份。冷启动要新建 Worker、加载程序再实例化；热启动用事先加载好程序的备用 Worker，只需新建实例和内存，有点像 `forkserver` 事先备好的服务进程。线程的热启动则是复用空闲的 Worker。上面的工作用的是热启动的进程。",
        "A process here always gets a new instance and a new memory: like a child started by `spawn` or `forkserver`, it inherits nothing of its parent's memory, where `fork` would copy it. Cold, it also needs a new worker that loads the program; warm, it starts from a spare worker that has the program loaded already (a little like the server process `forkserver` keeps ready), so only the instance and memory are new. A warm thread reuses an idle worker. The work above used warm processes.";
    IsolationHeading => "隔离：谁看得见谁的改动", "Isolation: who sees whose changes";
    IsolationProcess => "子进程把计数器加了 {n} 次，它自己读到 {child}；父进程读到 {parent}。", "A child process added 1 to the counter {n} times and read {child}; the parent reads {parent}.";
    IsolationThread => "线程把计数器加了 {n} 次；主线程读到 {value}。",
        "A thread added 1 to the counter {n} times; the main thread reads {value}.";
    IsolationVerdict => "子进程改的是它自己的内存（这里是全新的一块，不是父进程的副本）；线程改的就是它所在进程的内存，所以主线程看得见。",
        "The child process changed its own memory (a new one here, not a copy of the parent's); the thread changed the memory of the process it runs in, so the main thread sees it.";
    IsolationVerdictCpython => "子进程改的是它自己的内存（用 `fork` 启动时是父进程内存的一份副本，用 `spawn` 或 `forkserver` 启动时不继承父进程的内存）；线程改的就是它所在进程的内存，所以主线程看得见。",
        "The child process changed its own memory (with `fork` a copy of the parent's; with `spawn` or `forkserver` one that inherits nothing from the parent); the thread changed the memory of the process it runs in, so the main thread sees it.";
    FromPostHeading => "文章怎么说，这里有什么不同",
        "What the post says, and what differs here";
    FromPostSection => "原文 §{section}",
        "The post, §{section}";
    FromPostShows => "本页",
        "This page";
    FromPostLessons => "还值得知道",
        "Also worth knowing";
    FromPostSlips => "原文的小疏漏",
        "Small slips in the post";
    FromPostDiffers => "本页的实验与原文代码的不同",
        "How this experiment differs from the post's code";
    TryThisHeading => "试试这些",
        "Try this";
    TryThisLook => "看什么：",
        "Look for: ";
    PerConsumer => "每个消费者一个",
        "one per consumer";
    FieldSemaphoreThreads => "线程数 `N`",
        "threads `N`";
    SpeedupFaster => "加速比 {x}×（用时为原来的 1/{x}）",
        "speedup {x}× (1/{x} of the time)";
    SpeedupSame => "加速比 {x}×：与顺序执行差不多",
        "speedup {x}×: about the same as the sequence";
    SpeedupSlower => "加速比 {x}×，也就是更慢：用时是顺序执行的 {slow} 倍",
        "speedup {x}×, that is slower: {slow} times the time of the sequence";
    SpeedupBeyondCores => "加速比 {x}×，超过了上限 {cores}×（核心数和线程数中较小的那个）：这不是真的加速，而是测量误差（工作太短，或某一轮被别的程序拖慢了）",
        "speedup {x}×, above the {cores}× that the cores and threads allow: not a real speedup but measurement noise (the work is too short, or a round was slowed by something else)";
    SpeedupBar => "{x}×",
        "{x}×";
    SpeedupBarNoise => "{x}×，误差",
        "{x}×, noise";
    GilReference => "作为对照，在本项目开发用的机器上（{machine}，{date}），CPython {version} 把 `fib({n})` 算两次：顺序 {sequential} 秒，两个线程 {threads} 秒，两个进程 {processes} 秒。",
        "For comparison, on the machine this project is developed on ({machine}, {date}), CPython {version} computed `fib({n})` twice in {sequential} s in sequence, {threads} s in two threads, {processes} s in two processes.";
    GilFasterThanCPython => "本次运行中，一次 `fib({n})` 用了 {ms} 毫秒。开发用的机器上的 CPython {version} 按上面的对照约需 {cpython} 毫秒，约为这里的 {x} 倍（两台机器不同，这个倍数只是粗略的比较）。",
        "This run took {ms} ms for one `fib({n})`. On the developers' machine, by the comparison above, CPython {version} takes about {cpython} ms: about {x} times as long (two different machines, so only a rough comparison).";
    GilLessonCpu => "有 GIL 的线程轮流持有 GIL，同一时刻只有一个在计算：没有并行。",
        "The threads under the GIL took turns holding it: one computed at a time, nothing ran in parallel.";
    GilLessonSleep => "每个线程睡眠（等待）时都释放了 GIL，所以有 GIL 的线程也能同时睡眠：这就是线程仍然适合 I/O 密集程序的原因，也是 `lock.py` 不加锁（`use_lock=false`）时，在 CPython 里即使有 GIL 也会丢更新的原因。",
        "Each thread released the GIL while it slept (waited), so the threads under the GIL slept at the same time: that is why threads still serve I/O-bound programs, and why `lock.py` without its lock (`use_lock=false`) loses updates in CPython even under its GIL.";
    GilSwitchCost => "有 GIL 的线程比顺序执行多用了 {extra} 毫秒，其间 GIL 切换了 {switches} 次；即使全算在切换头上，每次也只有 {per} 毫秒，何况这个差值里还有噪声和启动线程的时间。",
        "The threads under the GIL took {extra} ms longer than the sequence, over {switches} hand-overs: even if all of it went to switching, that is {per} ms each, and the difference also holds noise and the threads' start.";
    FieldWork => "每份工作是",
        "each share is";
    FieldWorkHelp => "`cpu`：计算 `fib(n)`；`sleep`：等待 `sleep_ms` 毫秒（像 `time.sleep` 或 I/O，等待时释放 GIL）",
        "`cpu`: compute `fib(n)`; `sleep`: wait `sleep_ms` ms (as `time.sleep` or I/O do, releasing the GIL)";
    FieldShareSleepMs => "每份等待多久（毫秒）",
        "how long a share waits (ms)";
    FieldShareSleepMsHelp => "只在 `work` = `sleep` 时用到",
        "used only when `work` is `sleep`";
    ModeGilThreadsLabel => "有 GIL 的线程",
        "threads, GIL";
    ModeFreeThreadsLabel => "自由线程",
        "free threads";
    ConditionNotChosen => "超时：通知时它也在等，但 `notify({n})` 只唤醒了 {n} 个（这里按等待的先后）",
        "timed out: it was waiting too, but `notify({n})` woke only {n} (here, the longest waiting)";
    ConditionAtOnce => "资源已就绪，`wait_for` 没有等，在 {ms} 毫秒继续",
        "the resource was there: `wait_for` did not wait, went on at {ms} ms";
    ConditionAfterTimeout => "没被唤醒，等到超时时看到资源已就绪，在 {ms} 毫秒继续",
        "not woken; at its timeout it found the resource there and went on at {ms} ms";
    FieldAsyncSleep => "任务里的睡眠",
        "the tasks sleep with";
    FieldAsyncSleepHelp => "`asyncio`：`await asyncio.sleep(…)`，交出事件循环；`time`：`time.sleep(…)`，阻塞事件循环（为了不冻结页面，这时的事件循环在一个 Worker 线程上运行）",
        "`asyncio`: `await asyncio.sleep(…)`, which hands the loop back; `time`: `time.sleep(…)`, which blocks the loop (so that the page does not freeze, that loop runs on a worker thread)";
    StateBlocked => "被阻塞",
        "blocked";
    AsyncVerdictBlocking => "一起运行用了 {together} 毫秒，睡眠之和是 {sum} 毫秒：`time.sleep` 阻塞了事件循环，任务只能一个接一个地睡。",
        "Together they took {together} ms, the sum of the sleeps being {sum} ms: `time.sleep` blocked the event loop, so the tasks slept one after another.";
    AsyncTimelineNoteBlocking => "“事件循环”那一行的长条是它被某个任务的 `time.sleep` 阻塞的时间：这期间别的任务一个也动不了。",
        "The bars on the event loop's row are the times a task's `time.sleep` blocked it: no other task could move meanwhile.";
    LockStartNote => "CPython 的线程放行后还要轮流持有 GIL，本页的线程没有 GIL；两边丢多少更新又都随每次运行而变，所以不能直接比较。",
        "CPython's threads, once released, still take turns holding the GIL, and this page's have none; how many updates either loses also varies from run to run, so the counts do not compare directly.";
    PostHomeClaim => "文章没有明说，但 §1 和 §3.1 都建立在一个前提上：没有 GIL 的线程（以及进程）能同时用上多个核心。",
        "The post does not say so, but §1 and §3.1 both rest on one premise: threads without a GIL (and processes) can use several cores at once.";
    PostHomeShows => "系统检测先确认这个浏览器里的线程真的能并行：它们是共享同一块内存的 Web Worker，没有 GIL。",
        "The system check first makes sure the threads in this browser really run in parallel: they are web workers sharing one memory, with no GIL.";
    PostHomeDiff1 => "文章没有这一步；这里的工作是编译成 WebAssembly 的 Rust，比 CPython 快得多，所以每份工作要把 `fib(n)` 重复 `r` 遍才够长。",
        "The post has no such step; the work here is Rust compiled to WebAssembly, much faster than CPython, so each share repeats `fib(n)` `r` times to last long enough.";
    PostHomeDiff2 => "两种方式都先跑一轮不计时的预热，再跑 {system_rounds} 轮、取最快的一轮：噪声只会让用时变长。",
        "Both ways get an untimed warm-up round, then {system_rounds} rounds of which the fastest counts: noise only ever adds time.";
    TryHome1 => "很短的工作",
        "very short work";
    TryHome1Look => "每份工作很短：噪声变大，加速比可能很离谱；超过核心数的加速比会被标成误差。",
        "each share is short: noise grows and the speedup can be absurd; one above the number of cores is marked as noise.";
    TryHome2 => "只用一个线程",
        "one thread only";
    TryHome2Look => "一个线程对一个线程：加速比应在 1× 左右，偏离多少就是噪声有多大。",
        "one thread against one thread: the speedup should be near 1×, and how far it strays is how noisy the machine is.";
    TryHome3 => "更长的工作",
        "longer work";
    TryHome3Look => "每份更长，加速比更稳，也更接近核心数。",
        "with longer shares the speedup is steadier and closer to the number of cores.";
    PostGilClaim => "CPython 有一把全局解释器锁（GIL），同一时刻只有一个线程执行 Python 字节码。文章用两个线程各算一次 `fib(35)`，发现比一个线程连算两次还慢，并把原因归于线程间的上下文切换。",
        "CPython has a global interpreter lock (GIL): only one thread runs Python bytecode at a time. The post times two threads computing `fib(35)` once each, finds them slower than one thread computing it twice, and blames the context switches between threads.";
    PostGilShows => "同一份工作顺序执行、放进有模拟 GIL 的线程、放进没有 GIL 的线程、放进进程，画出谁在什么时候持有 GIL，以及自由线程和进程怎样随线程数加速。把 `work` 改成 `sleep` 可以看到另一面：线程等待时会释放 GIL。",
        "The same work in sequence, in threads under an emulated GIL, in threads without one, and in processes; who held the GIL when; how free threads and processes speed up with their number. Set `work` to `sleep` for the other side: a thread that waits lets go of the GIL.";
    PostGilLesson1 => "GIL 属于 CPython 这个实现，而不是 Python 语言：CPython 的内存管理（引用计数等）不是线程安全的，GIL 保护着它，也有不少代码依赖它带来的保证。",
        "The GIL belongs to CPython, the implementation, not to the Python language: CPython's memory management (reference counts and more) is not thread-safe, the GIL protects it, and much code has come to rely on what it guarantees.";
    PostGilLesson2 => "CPython 3.13 起有可选的自由线程构建（`3.13t`、`3.14t`），没有 GIL，线程可以同时计算（3.13 中为实验性质，3.14 起正式支持；导入未声明支持自由线程的 C 扩展时，GIL 会重新启用）：本页的 `free` 模式就是这种情形。",
        "Since 3.13 CPython has an optional free-threaded build (`3.13t`, `3.14t`) with no GIL, whose threads compute at once (experimental in 3.13, supported from 3.14; importing a C extension that has not declared support turns the GIL back on): the page's `free` mode is that case.";
    PostGilLesson3 => "等待中的线程会释放 GIL：`time.sleep`、读写文件和网络时，CPython 都会先释放 GIL。所以线程在 I/O 密集的程序里仍然有用。",
        "A waiting thread releases the GIL: CPython releases it for `time.sleep` and while reading and writing files and sockets. So threads still help I/O-bound programs.";
    PostGilSlip1 => "文章把线程更慢归因于上下文切换。切换确实有代价，但它只解释多出来的那一点时间；线程快不起来，是因为 GIL 让它们只能轮流计算。运行后，本页给出多用了多少时间、GIL 切换了几次。",
        "The post blames context switches for the threads being slower. Switching does cost something, but it explains only the small extra time; the threads cannot be faster because the GIL lets them compute only in turn. After a run, the page gives the extra time and how often the GIL changed hands.";
    PostGilDiff1 => "GIL 是模拟的：一把真锁，按 CPython 3.2 起的规则切换；检查点在 `fib` 的递归里，而不是在字节码之间。",
        "The GIL is emulated: a real lock, handed over by CPython's rule since 3.2; its check points sit in `fib`'s recursion, not between bytecodes.";
    PostGilDiff2 => "工作是编译成 WebAssembly 的 Rust，比 CPython 快得多，所以启动进程的开销显得更大。",
        "The work is Rust compiled to WebAssembly, much faster than CPython, so starting a process weighs more.";
    PostGilDiff3 => "线程数、切换间隔、工作的种类都可以改；文章固定为两个线程和默认的 5 毫秒。每种方式跑多轮、取最快的一轮，并先跑一轮预热。",
        "The number of threads, the switch interval and the kind of work can be changed; the post fixes two threads and the default 5 ms. Each mode runs several rounds, after a warm-up, and the fastest counts.";
    PostGilDiff4 => "我们的 `gil.py` 用 `time.perf_counter` 计时，把启动进程的代码放在 `if __name__ == \"__main__\":` 之下，还有 `sleep` 模式。",
        "Our `gil.py` times with `time.perf_counter`, starts its processes under `if __name__ == \"__main__\":`, and has the `sleep` mode too.";
    TryGil1 => "等待，而不是计算",
        "waiting, not computing";
    TryGil1Look => "有 GIL 的线程的加速比也约为 `k`×：时间线上 `k` 个线程同时在睡眠，睡眠时谁也不持有 GIL。",
        "the threads under the GIL reach a speedup of about `k`× too: on the timeline all `k` sleep at once, and none holds the GIL while it sleeps.";
    TryGil2 => "切换间隔 0.1 毫秒",
        "a switch interval of 0.1 ms";
    TryGil2Look => "GIL 切换的次数成倍增加；线程依然只能轮流计算，总用时不会因此变短（切换本身的代价倒可能让它变长）。",
        "the GIL changes hands many times more often; the threads still compute only in turn, so the total does not shrink (the switching itself may even stretch it).";
    TryGil3 => "4 个线程",
        "4 threads";
    TryGil3Look => "有 GIL 的 `k` 个线程依然一个一个地持有 GIL；自由线程的加速比最多等于核心数。",
        "the `k` threads under the GIL still hold it one at a time; free threads reach a speedup of at most the number of cores.";
    PostKettleClaim => "文章借老张烧水讲两对概念：同步还是异步看水壶（水开了会不会通知），阻塞还是非阻塞看老张（等的时候能不能做别的事）；异步要配上非阻塞才有用。",
        "The post tells of Lao Zhang boiling water to explain two pairs of words: sync or async is about the kettle (does it tell you when it boils?), blocking or non-blocking about Lao Zhang (can he do something else while he waits?); async pays only together with non-blocking.";
    PostKettleShows => "四种情况各自跑在它代表的真实机制上，并排画出老张和水壶在每一刻做什么、老张看了几分钟电视、水开后多久才被拿走。",
        "Each of the four cases runs on the real mechanism it stands for; side by side, what Lao Zhang and the kettle do at each instant, how many minutes of TV he got, and how long the boiled water waited.";
    PostKettleLesson1 => "§2 的结尾说：每个连接开一个线程或进程，代价太高，服务器的工作又大多是 I/O，所以转向了异步 I/O。第四种情况就是这个思路：一个线程、一个事件循环，等待时不占住线程。",
        "The end of §2: a thread or a process per connection costs too much, and a server mostly does I/O, hence asynchronous I/O. The fourth case is that idea: one thread, one event loop, and waiting that does not hold the thread.";
    PostKettleDiff1 => "故事里的一分钟在这里是 `ms_per_minute` 毫秒；每次去看水壶算 {kettle_look_minutes} 分钟。",
        "One story minute is `ms_per_minute` ms here; each look at the kettle counts {kettle_look_minutes} minute.";
    PostKettleDiff2 => "第四种情况里老张的电视是事件循环上一段段真实的工作；页面只有一个事件循环，所以它在前三种之后单独跑。",
        "In the fourth case Lao Zhang's TV is scenes of real work on the event loop; the page has one event loop, so that case runs alone, after the other three.";
    TryKettle1 => "隔四分钟才去看一次",
        "look only every four minutes";
    TryKettle1Look => "同步非阻塞的老张去看的次数少了，电视看得更多，可水开之后要等到下一次去看才被发现。",
        "the sync, non-blocking Lao Zhang looks less often and gets more TV, but the boiled water waits for his next look.";
    TryKettle2 => "水一分钟就开",
        "water that boils in one minute";
    TryKettle2Look => "四种情况的差别变小；回调仍要等正在播的那一段电视结束才能拿水。",
        "the four cases draw closer; the callback still waits for the TV scene in progress before it picks the water up.";
    PostProcessesClaim => "`multiprocessing` 用多个解释器绕开 GIL：把 §1 的线程换成进程，两个 `fib(35)` 的用时明显变短；`threading` 和 `multiprocessing` 的接口几乎一样。",
        "`multiprocessing` gets round the GIL with several interpreters: with processes in place of §1's threads, two `fib(35)` take clearly less time; and `threading` and `multiprocessing` have nearly the same interface.";
    PostProcessesShows => "同一份工作分别用有 GIL 的线程（和 `processes.py` 里 CPython 的线程一样）、没有 GIL 的自由线程和进程来做；单独测量启动的开销；再看隔离：子进程改全局变量，父进程看不见，线程改的主线程看得见。",
        "The same work in threads under the GIL (as CPython's threads in `processes.py`), in free threads with no GIL, and in processes; the cost of starting each on its own; then isolation: a child process's change to a global is not seen by the parent, a thread's is seen by the main thread.";
    PostProcessesLesson1 => "启动方式有三种：`fork` 复制父进程（Linux 在 3.14 之前的默认）；`spawn` 启动全新的解释器，再导入主模块（Windows 和 macOS 的默认）；`forkserver` 先启动一个服务进程，之后由它 `fork` 出子进程（Linux 从 3.14 起的默认）。",
        "There are three start methods: `fork` copies the parent (Linux's default before 3.14); `spawn` starts a fresh interpreter that imports the main module again (the default on Windows and macOS); `forkserver` starts a server process once and has it `fork` the children (Linux's default since 3.14).";
    PostProcessesLesson2 => "用 `spawn` 或 `forkserver` 时，`Process(target=…, args=…)` 的函数和参数要经过 `pickle`（`fork` 直接继承）；经由 `Queue`、`Pipe` 或进程池传递的任务和结果，不论用哪种方式都要 `pickle`。用 `spawn` 或 `forkserver` 时，子进程还会重新导入主模块，所以启动进程的代码必须放在 `if __name__ == \"__main__\":` 之下，否则子进程导入主模块时又会去启动进程，`multiprocessing` 会为此抛出 `RuntimeError`；`fork` 不会重新导入，但有了这道保护，换一种启动方式代码照样能跑。",
        "With `spawn` or `forkserver` the function and arguments of `Process(target=…, args=…)` are pickled (`fork` inherits them); tasks and results passed through a `Queue`, a `Pipe` or a pool are pickled whatever the start method. With `spawn` or `forkserver` the child also imports the main module again, so the code that starts processes must sit under `if __name__ == \"__main__\":`; otherwise the child's import would start processes again, and `multiprocessing` raises a `RuntimeError` instead. `fork` does not import it again, but with the guard the code still runs under another start method.";
    PostProcessesLesson3 => "进程默认不共享内存，但 `multiprocessing` 也提供共享的手段：`Value`、`Array`、`shared_memory` 和 `Manager`。",
        "Processes share no memory by default, but `multiprocessing` offers ways to share: `Value`, `Array`, `shared_memory` and a `Manager`.";
    PostProcessesDiff1 => "这里的进程是拥有自己 WebAssembly 实例和内存的 Worker，用 `postMessage` 传消息；它们从事先加载好程序的备用 Worker 启动，内存总是全新的，像 `spawn`，而不是 `fork` 的副本。",
        "A process here is a worker with its own WebAssembly instance and memory, talking by `postMessage`; it starts from a spare worker that has the program loaded, and its memory is always new, as with `spawn`, never a copy as with `fork`.";
    PostProcessesDiff2 => "有 GIL 的线程用的是模拟的 GIL；没有 GIL 的自由线程单独列成一根柱子，文章没有这一项。",
        "The threads under the GIL use the emulated GIL; free threads with no GIL get a bar of their own, which the post does not have.";
    PostProcessesDiff4 => "本页没有顺序执行的那一项，有 GIL 的线程那根柱子代替了它；`processes.py` 把启动进程的代码放在 `if __name__ == \"__main__\":` 之下。",
        "The page has no sequential run: the bar of threads under the GIL stands in for it; `processes.py` starts its processes under `if __name__ == \"__main__\":`.";
    PostProcessesSlip1 => "§3.1 的代码定义的是 `withProcess`，调用的却是 `witProcess()`，`noProcess` 的定义又被注释掉了，照原样运行会抛出 `NameError`；它也没有 `if __name__ == \"__main__\":` 保护，在默认用 `spawn` 的 Windows 和 macOS 上，子进程导入主模块时会出错。",
        "The code of §3.1 defines `withProcess` but calls `witProcess()`, and the definition of `noProcess` is commented out: as it stands it raises `NameError`. Nor does it guard with `if __name__ == \"__main__\":`, so on Windows and macOS, which start processes with `spawn`, the child fails as it imports the main module.";
    PostProcessesDiff3 => "进程数可以改，启动开销单独测量；隔离的演示是我们加的。",
        "The number of processes can be changed and the start cost is measured apart; the isolation demonstration is ours.";
    TryProcesses1 => "很小的工作（`n` = 25）",
        "tiny work (`n` = 25)";
    TryProcesses1Look => "进程输给了线程：启动它们比工作本身还费时。",
        "the processes lose to the threads: starting them costs more than the work.";
    TryProcesses2 => "更大的工作（`n` = 37）",
        "bigger work (`n` = 37)";
    TryProcesses2Look => "工作够大时，进程和自由线程的用时都接近有 GIL 的线程的 1/`k`（`k` 不超过核心数），有 GIL 的线程始终快不起来。",
        "with enough work, processes and free threads take about 1/`k` of the time of the threads under the GIL (`k` at most the number of cores); the threads under the GIL never speed up.";
    TryProcesses3 => "4 个进程",
        "4 processes";
    TryProcesses3Look => "进程比核心多时，只能分着用核心：在核心少于 4 个的机器上，时间线里每段计算都比单独算时更长。",
        "with more processes than cores they share the cores: on a machine with fewer than 4, each computation on the timeline lasts longer than one alone.";
    PostLockClaim => "锁 `Lock` 保证同一时刻只有一个线程访问共享资源：文章的 100 个线程在锁里读计数器、睡 1 毫秒、写回，结果正好是 100。",
        "A `Lock` lets only one thread at a time touch the shared resource: the post's 100 threads read a counter, sleep 1 ms and write it back inside the lock, and the count comes out at exactly 100.";
    PostLockShows => "可以加锁跑，也可以不加锁跑：不加锁时，读写窗口互相重叠，丢掉的更新被数出来；时间光标可以看到每一刻计数器的值。",
        "With the lock or without it: without it the read → write windows overlap and the lost updates are counted; the time cursor shows the counter at every instant.";
    PostLockLesson1 => "即使有 GIL 也会丢更新：`time.sleep` 会释放 GIL，别的线程就在这段时间里读到同一个旧值。GIL 只保证字节码一条一条地执行，不保证你的“读→写”不被打断。",
        "Updates are lost even under a GIL: `time.sleep` releases it, and other threads read the same old value meanwhile. The GIL runs bytecodes one at a time; it does not keep your read → write in one piece.";
    PostLockDiff1 => "文章的线程是一个接一个启动的（`Thread.start()` 要等新线程开始运行才返回）；本页和 `lock.py` 让线程先在一道屏障前集合、再同时放行，而且本页没有 GIL。两边丢多少更新都随运行而变，不能直接比较。",
        "The post starts its threads one after another (`Thread.start()` returns only once the new thread runs); this page and `lock.py` gather them at a barrier and release them together, and this page has no GIL. How many updates either loses varies from run to run; the counts do not compare directly.";
    PostLockDiff2 => "文章只跑了加锁的版本；这里也跑不加锁的，并且线程数、睡眠时间都可以改。锁是我们自己在 WebAssembly 的 `memory.atomic.wait32` 上实现的（与 JS 的 `Atomics.wait` 是同一种等待）。",
        "The post runs only the locked version; here the unlocked one runs too, and the number of threads and the sleep can be changed. The lock is our own, on WebAssembly's `memory.atomic.wait32` (the same wait as JS's `Atomics.wait`).";
    TryLock1 => "不加锁",
        "without the lock";
    TryLock1Look => "计数器小于线程数：丢掉的更新被数了出来，时间线上的窗口挤在一起。",
        "the counter falls short of the number of threads: the lost updates are counted, and the windows on the timeline pile up.";
    TryLock2 => "不加锁，也不睡",
        "no lock, no sleep";
    TryLock2Look => "窗口极短，丢的更新少得多，甚至一个不丢，但这只是运气好，并不正确。",
        "with very short windows far fewer updates are lost, perhaps none, but that is luck, not correctness.";
    TryLock3 => "加锁，20 个线程各睡 5 毫秒",
        "with the lock, 20 threads sleeping 5 ms";
    TryLock3Look => "锁让线程排成一队：时间线是一道阶梯，总用时约为线程数乘以睡眠时间。",
        "the lock lines the threads up: the timeline is a staircase, and the total is about the number of threads times the sleep.";
    PostSemaphoreClaim => "信号量 `Semaphore(3)` 规定同一时刻最多三个线程进入；文章还说锁 `Lock` 相当于 `Semaphore(1)`。",
        "A `Semaphore(3)` lets at most three threads in at a time; the post adds that a `Lock` is a `Semaphore(1)`.";
    PostSemaphoreShows => "线程拿许可、持有一段随机时间、归还：甘特图、持有者数的阶梯线，以及和原文同样格式的日志。",
        "Threads take a permit, hold it for a random time and give it back: a Gantt chart, a step line of the holders, and a log in the post's format.";
    PostSemaphoreLesson1 => "更贴近锁 `Lock` 的是 `BoundedSemaphore(1)`：对普通信号量多调用一次 `release()`，许可会悄悄变成 2；有界信号量会抛出 `ValueError`，就像释放一个没被持有的 `Lock` 会抛出 `RuntimeError`。",
        "Closer to a `Lock` is a `BoundedSemaphore(1)`: one `release()` too many on a plain semaphore quietly makes it 2 permits; a bounded one raises `ValueError`, as releasing a `Lock` nobody holds raises `RuntimeError`.";
    PostSemaphoreDiff1 => "持有时间由随机种子决定，同一个种子会重现同一次运行；文章用 `random() * 2` 秒。",
        "The hold times come from a seed, and the same seed gives the same run; the post uses `random() * 2` seconds.";
    PostSemaphoreDiff3 => "线程编号从 1 开始，文章的从 0 开始。", "Threads are numbered from 1; the post's from 0.";
    PostSemaphoreDiff2 => "我们的日志在归还许可之前记下 `release`；文章在 `with` 块之外打印，所以文章的输出里 `release` 那一行可能晚于下一个线程的 `acquire`。",
        "Our log notes release before the permit goes back; the post prints it after the `with` block, so in its output a release line can come after the next thread's acquire.";
    TrySemaphore1 => "许可数 1",
        "one permit";
    TrySemaphore1Look => "同一时刻只有一个持有者，和锁一样：阶梯线从不高于 1。",
        "one holder at a time, as with a lock: the step line never rises above 1.";
    TrySemaphore2 => "许可和线程一样多",
        "as many permits as threads";
    TrySemaphore2Look => "谁都不用等：甘特图里没有等待的一段。",
        "nobody waits: the Gantt chart has no waiting stretch.";
    TrySemaphore3 => "20 个线程",
        "20 threads";
    TrySemaphore3Look => "阶梯线贴着许可线走：直到快结束，一直有 `k` 个持有者。",
        "the step line runs along the permit line: `k` holders all the time, until near the end.";
    PostConditionClaim => "条件变量 `Condition` 让线程等到条件成立再继续：文章里两个消费者先后开始等待，生产者随后让资源就绪并 `notifyAll()`。",
        "A `Condition` lets threads wait until something holds: in the post two consumers begin to wait one after the other, then the producer makes the resource available and calls `notifyAll()`.";
    PostConditionShows => "谁在等、谁被唤醒、谁超时；再现消费者在通知之后才开始等而丢失唤醒的情形，以及用 `wait_for` 检查谓词的解法。",
        "Who waits, who is woken, who times out; the lost wake-up of a consumer that starts waiting after the notify, and its cure, `wait_for` with a predicate.";
    PostConditionLesson1 => "`wait()` 先释放条件变量的底层锁再睡，被唤醒后要重新获得这把锁才返回：所以消费者在等的时候，生产者进得了 `with cond`。",
        "`wait()` releases the Condition's underlying lock before it sleeps and takes it back before it returns: that is how the producer gets into `with cond` while the consumers wait.";
    PostConditionLesson2 => "条件变量不记得过去的通知：通知时没在等的线程就错过了它。",
        "A Condition does not remember past notifies: a thread that was not waiting when one came has missed it.";
    PostConditionSlip1 => "`notifyAll` 是旧名字，现在写作 `notify_all`（旧名从 3.10 起已弃用）。",
        "`notifyAll` is the old name, now `notify_all` (the old one is deprecated since 3.10).";
    PostConditionDiff1 => "每次等待都有超时，所以不会卡死；消费者的启动时刻、生产者的延迟和通知几个都可以改。",
        "Every wait has a timeout, so nothing hangs; the consumers' starts, the producer's delay and how many to notify can be changed.";
    PostConditionDiff2 => "我们用 `notify_all()`，打印的字句也是自己写的。",
        "We call `notify_all()`, and word the prints our own way.";
    TryCondition3 => "`notify(1)`，两个消费者都在等",
        "`notify(1)` with both consumers waiting";
    TryConditionLostLook => "消费者 2 在通知之后才开始等：它错过了通知，一直等到超时。",
        "consumer 2 starts waiting after the notify: it has missed it, and waits until its timeout.";
    TryConditionCuredLook => "时机一样，换成 `wait_for`：消费者 2 看到资源已就绪，根本不用等。",
        "the same timing with `wait_for`: consumer 2 sees the resource is there and does not wait at all.";
    TryCondition3Look => "只有一个被唤醒；另一个等到超时，它没有错过通知，只是没被选中。",
        "only one is woken; the other waits until its timeout: it did not miss the notify, it was not chosen.";
    PostCoroutineClaim => "用 `yield` 写的生成器就是一种协程：生产者用 `send` 把数据交给消费者，控制权在两者之间来回传，全都在一个线程里；文章还说协程不需要锁。",
        "A generator written with `yield` is a kind of coroutine: the producer hands data to the consumer with `send`, and control passes back and forth between them on one thread; the post adds that coroutines need no lock.";
    PostCoroutineShows => "生产者和消费者的对话，一次走完或一次一个 `send`，并画出每一行输出时两边各停在哪一行代码。",
        "The producer's and consumer's dialogue, whole or one `send` at a time, with the line of code each side is on at every printed line.";
    PostCoroutineLesson1 => "不需要锁是有前提的：只有在临界区里没有 `yield` 或 `await` 时才成立，因为协程只在这些地方切换；否则仍要加锁，所以 `asyncio` 提供了 `asyncio.Lock`。",
        "Needing no lock has a condition: it holds only while no `yield` or `await` falls inside the critical section, since coroutines change hands only there; otherwise a lock is needed again, which is why `asyncio` has `asyncio.Lock`.";
    PostCoroutineLesson2 => "`c.close()` 在消费者停着的 `yield` 处抛出 `GeneratorExit`，生成器借此结束。",
        "`c.close()` raises `GeneratorExit` at the `yield` the consumer is suspended at, and the generator ends.";
    PostCoroutineDiff1 => "打印的字句是我们自己的；Rust 这边用 `nightly` 版的协程，和 Python 的生成器一一对应。",
        "The prints are worded our own way; the Rust side uses `nightly` coroutines, which map one to one onto Python's generators.";
    TryCoroutine1 => "只送一件",
        "a single item";
    TryCoroutine1Look => "最短的对话：启动、一次 `send`、关闭。",
        "the shortest dialogue: start, one `send`, close.";
    TryCoroutine2 => "送十件",
        "ten items";
    TryCoroutine2Look => "每一件都是同样的几步：生产者打印，`send` 把这一件连同控制权交给消费者；消费者把它加进总数并打印，再在 `yield` 处交回总数，生产者把总数打印出来。",
        "each item takes the same steps: the producer prints; `send` hands the item, and control, to the consumer, which adds the item to its total, prints, and hands the total back at the `yield`; the producer prints it.";
    PostAsyncClaim => "三个任务分别 `await asyncio.sleep(1)`、`(2)`、`(3)`，一起运行约 3 秒而不是 6 秒：任务在 `await` 时把线程让给别的任务。",
        "Three tasks `await asyncio.sleep(1)`, `(2)` and `(3)`; together they take about 3 seconds, not 6: at an `await` a task hands the thread to the others.";
    PostAsyncShows => "任务一起运行和逐个运行的总用时，每个任务何时在等、事件循环何时在运行它们；把 `sleep` 改成 `time`，看阻塞的睡眠怎样占住事件循环。",
        "The total time of the tasks together and one by one, when each task awaits and when the event loop runs them; set `sleep` to `time` to see a blocking sleep take the event loop.";
    PostAsyncLesson1 => "调用一个 `async def` 函数只会得到一个协程对象，函数体还没有开始执行；要交给事件循环（`await`、`asyncio.run`、`gather`）才会运行。",
        "Calling an `async def` function only makes a coroutine object; its body has not begun to run. It runs once handed to the event loop (`await`, `asyncio.run`, `gather`).";
    PostAsyncLesson2 => "任务里换成 `time.sleep`，它不交出事件循环，一起运行也要花睡眠之和：这正是 §2.1 水壶故事的结论：响水壶（异步）只有在老张不阻塞时才帮得上忙。",
        "With `time.sleep` in the tasks the event loop is never handed back and together takes the sum: that is §2.1's point about the kettle, where the whistling kettle (async) helps only when Lao Zhang does not block.";
    PostAsyncSlip1 => "`async` 和 `await` 是 Python 3.5 加入的，不是 3.4；3.4 带来的是 `asyncio` 和基于生成器的协程。",
        "`async` and `await` came with Python 3.5, not 3.4; 3.4 brought `asyncio` and generator-based coroutines.";
    PostAsyncSlip2 => "`run_until_complete` 并不会不停地询问结果：没有任务可运行时，事件循环睡到下一个计时器或 I/O 就绪为止。",
        "`run_until_complete` does not keep asking for the results: with no task ready, the event loop sleeps until the next timer or I/O is due.";
    PostAsyncSlip3 => "从 3.11 起，把协程列表直接交给 `asyncio.wait` 会报错；在没有事件循环时调用 `get_event_loop()` 先是被弃用，3.14 起直接报错。所以我们的 `async_await.py` 用 `asyncio.run` 和 `gather`。",
        "Since 3.11, handing `asyncio.wait` a list of coroutines is an error, and calling `get_event_loop()` with no event loop was deprecated and raises an error since 3.14. That is why our `async_await.py` uses `asyncio.run` and `gather`.";
    PostAsyncDiff2 => "文章的每个任务在睡眠前后各打印一行问候；我们的任务什么也不打印，由时间线画出它们；“一个接一个”的对照是我们加的。",
        "In the post each task prints a greeting before and after its sleep; ours print nothing, and the timeline draws them instead; the one-by-one comparison is ours.";
    PostAsyncDiff1 => "睡眠是 JS 的 `setTimeout`，事件循环是页面主线程的；时间单位 `unit_ms` 可以改。`time` 模式的事件循环在一个 Worker 线程上，以免冻结页面。",
        "The sleeps are JS `setTimeout`s and the event loop is the page's main thread; the unit `unit_ms` can be changed. In `time` mode the loop runs on a worker thread, so that the page does not freeze.";
    TryAsync1 => "阻塞的 `time.sleep`",
        "a blocking `time.sleep`";
    TryAsync1Look => "一起运行也要花睡眠之和：事件循环那一行整段被阻塞，任务一个接一个地睡。",
        "together takes the sum of the sleeps: the event loop's row is blocked throughout, and the tasks sleep one after another.";
    TryAsync2 => "10 个任务",
        "10 tasks";
    TryAsync2Look => "一起运行仍约等于最长的那次睡眠，逐个运行则是所有睡眠之和。",
        "together is still about the longest sleep; one by one is the sum of them all.";
    DevMachine => "2 核 Debian 12 虚拟机",
        "a 2-core Debian 12 VM";
    ConditionGaveUp => "超时：还没等到通知就超时了",
        "timed out before the notify came";
    AsyncCursorBlocked => "{run}：事件循环被任务 {id} 的 `time.sleep` 阻塞；{done} 个已完成，{pending} 个还没开始。",
        "{run}: the event loop is blocked in task {id}’s `time.sleep`; {done} done, {pending} not yet started.";
    AsyncCursorBlockedIdle => "{run}：事件循环没有被阻塞；{done} 个已完成，{pending} 个还没开始。",
        "{run}: the event loop is not blocked; {done} done, {pending} not yet started.";
    GilSwitchCostNone => "这次有 GIL 的线程没有比顺序执行慢（GIL 切换了 {switches} 次）：切换的代价小到量不出来。",
        "This time the threads under the GIL were no slower than the sequence (over {switches} hand-overs): switching cost too little to measure.";

    // The thread pool when workers do not come (the capabilities strip).
    CapsWorkersFailed => "有 {failed} 个线程所用的 Worker 没能启动（最近一次的原因：{why}）",
        "{failed} thread workers failed to start (the last because: {why})";
    CapsWorkersHeldBack => "浏览器扣住了 {held} 个线程所用的 Worker：这个网站的 Worker 已经达到浏览器允许的上限（是不是还开着游乐场的其他标签页？）。请关掉其他标签页，或者少用些线程。",
        "The browser holds back {held} thread workers: this site already runs as many as the browser allows (another tab of the playground?). Close other tabs, or use fewer threads.";

    // CPython's own run beside the page's (issue 21): opening the file a
    // Python file writes with `--json`, why a file is refused, the two
    // runs side by side, and the trace export.
    CpythonOpen => "打开一次 CPython 运行",
        "Open a CPython run";
    CpythonOpenHelp => "在自己的电脑上运行这一页的 Python 文件（`python3 {file} --json`，参数写成 `名字=值`，和网址里的一样），把它打印的报告存成文件，再拖到页面上、粘贴进来，或者在这里选中。文件只在这个浏览器里读取，不会上传到任何地方；分享的链接带不走它，要让别人看到，请把文件一起发过去。",
        "Run this page's Python file on your own computer (`python3 {file} --json`, parameters as `name=value`, as in the URL), save the report it prints to a file, then drop it onto the page, paste it, or choose it here. The file is read in this browser only and sent nowhere; a shared link cannot carry it, so send the file along with the link.";
    CpythonNotOpened => "没有打开这个文件：",
        "The file was not opened: ";
    CpythonOwnRunKept => "本页自己的运行没有变。",
        "This page's own run is as it was.";
    CpythonHeading => "{interpreter} 的运行",
        "The run in {interpreter}";
    CpythonEnvLine => "{gil}；{cpus} 个逻辑处理器；{platform}；时钟步长 {resolution} 纳秒；运行用了 {ms} 毫秒。",
        "{gil}; {cpus} logical CPUs; {platform}; clock step {resolution} ns; the run took {ms} ms.";
    CpythonGilOn => "GIL 开着",
        "the GIL is on";
    CpythonGilOff => "GIL 关着（自由线程的构建）",
        "the GIL is off (a free-threaded build)";
    CpythonReportHeading => "CPython 运行的报告（JSON）",
        "The CPython run's report (JSON)";
    CpythonClose => "收起这次 CPython 运行",
        "Close this CPython run";
    CpythonStatusNotOk => "这次 CPython 运行没有成功：{error}",
        "This CPython run did not succeed: {error}";
    CpythonCompareHeading => "两次运行并排",
        "The two runs side by side";
    CpythonCompareFigure => "数字",
        "Figure";
    CpythonComparePage => "本页（{browser}）",
        "This page ({browser})";
    CpythonCompareCpython => "{interpreter} 的运行",
        "{interpreter}";
    CpythonCompareNoRun => "本页还没有运行",
        "no run on this page yet";
    CpythonCompareNote => "两次运行的参数不同时，数字不能直接比较：上面的报告里有各自的参数。",
        "Where the two runs had different parameters, their figures do not compare directly: each report above has its own.";
    CpythonErrTooBig => "这个文件有 {kb} 千字节，太大了：一次运行的报告最多 {max} 千字节。",
        "This file is {kb} KB, too big: a run's report is at most {max} KB.";
    CpythonErrNotJson => "这不是完整的 JSON（`{why}`）。文件是不是被截断了？请重新运行 Python 文件，把它的输出完整地存下来。",
        "This is not whole JSON (`{why}`). Was the file cut short? Run the Python file again and save all of its output.";
    CpythonErrNotFinite => "文件里有 `NaN` 或 `Infinity`：JSON 里没有这样的数，报告里的每个数都必须是有限的。",
        "The file has `NaN` or `Infinity` in it: JSON has no such numbers, and every number in a report must be finite.";
    CpythonErrNotReport => "这不是一次运行的报告（`{why}`）。",
        "This is not the report of a run (`{why}`).";
    CpythonErrWrongExperiment => "这是 `{found}` 页的运行，不是这一页（`{page}`）的：请到那一页去打开它。",
        "This is a run of the `{found}` page, not of this one (`{page}`): open it on that page.";
    CpythonErrParams => "报告里的参数这一页不接受：{why}",
        "This page does not accept the report's parameters: {why}";
    CpythonErrMissingParam => "报告里缺少参数 `{name}`。",
        "The report lacks the parameter `{name}`.";
    CpythonErrNegative => "`{path}` 是负数（{value}）：报告里的时间和计数都不会小于零。",
        "`{path}` is negative ({value}): a report's times and counts are never below zero.";
    CpythonErrBackwards => "`{path}` 结束在开始之前。",
        "`{path}` ends before it starts.";
    CpythonErrTooManyLanes => "时间线有 {lanes} 行，这一页最多画 {max} 行。",
        "The timeline has {lanes} lanes; this page draws at most {max}.";
    CpythonErrTooManySpans => "时间线有 {spans} 段，这一页最多画 {max} 段。",
        "The timeline has {spans} spans; this page draws at most {max}.";
    CpythonErrRead => "读不了这个文件（`{why}`）。",
        "Could not read the file (`{why}`).";
    ExportTrace => "下载追踪文件",
        "Download trace";
    ExportTraceHelp => "追踪文件是 `Chrome` 的追踪事件格式，可以在 `ui.perfetto.dev`、`chrome://tracing` 和 `Firefox Profiler` 里打开：每条泳道是一个线程，每段是一个状态，GIL 和锁的切换画成箭头。",
        "The trace is in Chrome's trace event format, for `ui.perfetto.dev`, `chrome://tracing` and the `Firefox Profiler`: each lane is a thread, each span a state, and the GIL's and a lock's hand-overs are arrows.";
    CmpGilOverSequential => "有 GIL 的线程用时 ÷ 顺序用时",
        "threads under the GIL ÷ the sequence (time)";
    CmpFreeOverSequential => "自由线程用时 ÷ 顺序用时",
        "free threads ÷ the sequence (time)";
    CmpProcessesOverSequential => "进程用时 ÷ 顺序用时",
        "processes ÷ the sequence (time)";
    CmpSwitches => "GIL 切换次数",
        "GIL hand-overs";
    CmpHoldMedian => "一次持有 GIL 的中位时长（毫秒）",
        "median time holding the GIL (ms)";
    CmpProcessesOverThreads => "进程用时 ÷ 线程用时",
        "processes ÷ threads (time)";
    CmpParentCounter => "子进程计数之后父进程的计数器",
        "the parent's counter after a child process counted";
    CmpThreadCounter => "线程计数之后主线程的计数器",
        "the main thread's counter after a thread counted";
    CmpLockValue => "计数器的最终值 / 应得值",
        "the counter at the end / expected";
    CmpLostUpdates => "丢失的更新",
        "lost updates";
    CmpMaxOverlap => "同时处在读和写之间的线程最多有几个",
        "most threads between read and write at once";
    CmpMaxHolders => "同时持有许可的线程最多有几个",
        "most threads holding a permit at once";
    CmpPermits => "许可数",
        "permits";
    CmpConsumer => "消费者 {i}",
        "consumer {i}";
    CmpLines => "打印的行数",
        "lines printed";
    CmpConsumed => "消费者收到的",
        "what the consumer received";
    CmpTogetherOverLongest => "一起运行 ÷ 最长的睡眠",
        "together ÷ the longest sleep";
    CmpOneByOneOverSum => "逐个运行 ÷ 睡眠之和",
        "one by one ÷ the sum of the sleeps";
    CmpKettleTv => "{case}：看电视的分钟数",
        "{case}: minutes of TV";
    CmpKettleDelay => "{case}：水开后多久拿起（分钟）",
        "{case}: picked up after the boil (minutes)";
    CpythonStamps => "CPython 的 GIL 从外面看不见，所以 `gil.py` 让每个线程的 `fib` 每进入一棵不大于 `fib({at})` 的子树就记下时间（两次之间至多约 {calls} 次调用，间隔的中位数 {us} 微秒）：只有持有 GIL 的线程在记，所以每次切换的时刻准确到一个间隔之内。同一个 `fib({n})` 不记时用了 {plain} 毫秒，记时用了 {stamped} 毫秒（各取 {rounds} 轮中最快的一轮）：记时的代价是 {cost}。",
        "CPython's GIL cannot be seen from outside, so `gil.py` has each thread's `fib` note the time whenever it enters a subtree of `fib({at})` or smaller (at most about {calls} calls apart, {us} µs apart at the median): only the thread holding the GIL makes notes, so each hand-over is placed to within one interval. The same `fib({n})` took {plain} ms without the notes and {stamped} ms with them (the fastest of {rounds} rounds each): the notes cost {cost}.";
    CpythonStampsCost => "多用了 {percent}% 的时间",
        "{percent}% more time";
    GilVerdictGilUncounted => "有 GIL：{k} 个线程，{speedup}。",
        "With the GIL: {k} threads, {speedup}.";
    CpythonStampsNoise => "量不出来（记时的那次反而更快，差别在噪声之内）",
        "too little to measure (the run with notes was faster: the difference is noise)";

    // What stops the program from starting (the rest is in src/web/boot.js,
    // which speaks before the program can).
    ProblemWorkersWhatToDo => "每个实验的线程都在 Web Worker 里运行，所以实验无法运行。请确认浏览器、它的设置或扩展没有阻止本站启动 Worker（例如内容安全策略的 `worker-src`），然后刷新页面。",
        "Every experiment runs its threads in web workers, so no experiment can run. Check that the browser, a setting or an extension does not stop this site from starting workers (a Content-Security-Policy's worker-src, for instance), then reload the page.";
}

/// Latin words that Chinese prose may use outside code font: names of
/// languages, programs, formats and keys, as Chinese technical writing
/// spells them. Any other Latin word in a Chinese message is code, and
/// stands in `backticks` (shown in code font). The test below holds every
/// Chinese message, field errors included, to this list.
pub const NAMES_IN_CHINESE: &[&str] = &[
    "Python",
    "CPython",
    "Rust",
    "GIL",
    "WebAssembly",
    "JS",
    "JSON",
    "SVG",
    "PNG",
    "README",
    "Debian",
    "Linux",
    "Windows",
    "macOS",
    "Web",
    "Worker",
    "Service",
    "C",
    "I/O",
    "Home/End",
];

/// One term of the glossary: what the English says, and the one Chinese
/// word for it.
pub struct Term {
    /// As the English prose says it (outside code); a term in lower case
    /// also matches its plural and other endings ("thread" in "threads").
    pub en: &'static str,
    pub zh: &'static str,
    /// Chinese words that must not stand in for it.
    pub not_zh: &'static [&'static str],
    /// English words that must not stand in for it.
    pub not_en: &'static [&'static str],
}

const fn term(en: &'static str, zh: &'static str) -> Term {
    Term {
        en,
        zh,
        not_zh: &[],
        not_en: &[],
    }
}

/// The glossary: the same thing is called the same in every message. A
/// message whose English prose names a term says its Chinese term, and no
/// message uses a word the glossary rules out.
pub const GLOSSARY: &[Term] = &[
    term("Lock", "锁"),
    term("Semaphore", "信号量"),
    term("Condition", "条件变量"),
    term("permit", "许可"),
    Term {
        en: "holding",
        zh: "持有",
        not_zh: &["占用", "拿着"],
        not_en: &[],
    },
    term("holder", "持有者"),
    Term {
        en: "hand-over",
        zh: "切换",
        not_zh: &["交接", "换手"],
        not_en: &[],
    },
    term("switch interval", "切换间隔"),
    term("check point", "检查点"),
    term("thread", "线程"),
    term("free thread", "自由线程"),
    term("process", "进程"),
    term("speedup", "加速比"),
    term("event loop", "事件循环"),
    term("coroutine", "协程"),
    term("generator", "生成器"),
    term("producer", "生产者"),
    term("consumer", "消费者"),
    term("predicate", "谓词"),
    term("barrier", "屏障"),
    term("warm-up", "预热"),
    term("kettle", "水壶"),
    Term {
        en: "Lao Zhang",
        zh: "老张",
        not_zh: &[],
        not_en: &["the man", "a man", "his thread"],
    },
];

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
        let same_in_both = [
            Text::CapsSab,
            Text::LaneOfMode,
            Text::SpeedupBar,
            Text::LabelWithNote,
        ];
        for text in Text::ALL.iter().filter(|t| !same_in_both.contains(t)) {
            let zh = text.get(Lang::Zh);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{text:?}: {zh}"
            );
        }
    }

    /// The words of a text: Latin runs, "I/O" and "Home/End" as one.
    fn latin_words(text: &str) -> Vec<String> {
        let mut words = Vec::new();
        let mut word = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let joins = c == '/'
                && !word.is_empty()
                && chars.peek().is_some_and(|n| n.is_ascii_alphabetic());
            if c.is_ascii_alphanumeric() && (!word.is_empty() || c.is_ascii_alphabetic()) || joins {
                word.push(c);
            } else if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
        }
        words.extend((!word.is_empty()).then_some(word));
        words
    }

    /// A marked message's prose: its code spans and `{slot}` names taken out.
    fn prose_of(marked: &str) -> String {
        let outside_code: String = code_spans(marked)
            .filter(|(code, _)| !code)
            .map(|(_, piece)| piece)
            .collect::<Vec<_>>()
            .join(" ");
        let mut prose = String::new();
        let mut rest = outside_code.as_str();
        while let Some(open) = rest.find('{') {
            prose.push_str(&rest[..open]);
            rest = rest[open..].split_once('}').map_or("", |(_, after)| after);
        }
        prose + rest
    }

    fn english_outside_code(zh: &str) -> Vec<String> {
        latin_words(&prose_of(zh))
            .into_iter()
            .filter(|w| !NAMES_IN_CHINESE.contains(&w.as_str()))
            .collect()
    }

    #[test]
    fn code_spans_split_on_backticks() {
        let spans: Vec<_> = code_spans("用 `wait_for` 等").collect();
        assert_eq!(spans, [(false, "用 "), (true, "wait_for"), (false, " 等")]);
        assert_eq!(plain("a `b` c"), "a b c");
        assert_eq!(Text::FieldFibN.get(Lang::Zh), "fib 的参数 n");
        assert_eq!(Text::FieldFibN.marked(Lang::Zh), "`fib` 的参数 `n`");
        assert_eq!(
            latin_words("按 Home/End 或 I/O，a1 b"),
            ["Home/End", "I/O", "a1", "b"]
        );
        assert_eq!(prose_of("x `code` {slot} y"), "x    y");
    }

    #[test]
    fn chinese_prose_has_no_english_word_outside_code_font() {
        let mut found = Vec::new();
        for text in Text::ALL {
            let zh = text.marked(Lang::Zh);
            assert_eq!(zh.matches('`').count() % 2, 0, "{text:?}: an odd backtick");
            for word in english_outside_code(zh) {
                found.push(format!("{text:?}: “{word}” in {zh}"));
            }
        }
        assert!(
            found.is_empty(),
            "English outside code font:\n{}",
            found.join("\n")
        );
    }

    #[test]
    fn the_catalogue_keeps_to_the_glossary() {
        let starts_word = |text: &str, at: usize| {
            text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_ascii_alphanumeric())
        };
        let says = |text: &str, term: &str| {
            text.match_indices(term).any(|(at, _)| {
                let after = text[at + term.len()..].chars().next();
                // Lower-case terms take endings; names stand alone.
                let ends = term.starts_with(char::is_lowercase)
                    || after.is_none_or(|c| !c.is_ascii_alphanumeric());
                starts_word(text, at) && ends
            })
        };
        let mut found = Vec::new();
        for text in Text::ALL {
            let (zh, en) = (text.marked(Lang::Zh), text.marked(Lang::En));
            let en_prose = prose_of(en);
            for term in GLOSSARY {
                if says(&en_prose, term.en) && !zh.contains(term.zh) {
                    found.push(format!(
                        "{text:?}: “{}” without “{}”: {zh}",
                        term.en, term.zh
                    ));
                }
                for word in term.not_zh.iter().filter(|w| zh.contains(*w)) {
                    found.push(format!(
                        "{text:?}: “{word}” where the glossary says “{}”",
                        term.zh
                    ));
                }
                for word in term.not_en.iter().filter(|w| says(en, w)) {
                    found.push(format!(
                        "{text:?}: “{word}” where the glossary says “{}”",
                        term.en
                    ));
                }
            }
        }
        assert!(found.is_empty(), "off the glossary:\n{}", found.join("\n"));
    }

    #[test]
    #[cfg(not(loom))]
    fn field_errors_in_chinese_keep_english_in_code_font() {
        use crate::experiments::params::{FieldError, Problem};
        let problems = [
            Problem::NotInteger,
            Problem::NotNumber,
            Problem::OutOfRange {
                min: "1".into(),
                max: "9".into(),
            },
            Problem::NotBool,
            Problem::NotChoice(&["cpu", "sleep"]),
            Problem::EmptySet(&["gil", "free"]),
            Problem::WrongCount {
                expected: 3,
                per: Text::PerConsumer,
            },
        ];
        let errors = problems
            .into_iter()
            .map(|problem| FieldError::Invalid {
                field: "work",
                raw: "abc".into(),
                problem,
            })
            .chain([FieldError::Unknown {
                key: "colour".into(),
            }]);
        for error in errors {
            let zh = error.message_marked(Lang::Zh);
            assert_eq!(english_outside_code(&zh), Vec::<String>::new(), "{zh}");
            assert!(!error.message(Lang::Zh).contains('`'));
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
