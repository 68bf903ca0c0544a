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
    NavToggle => "☰ 章节", "☰ Sections";
    NavHome => "首页与系统检测", "Home and system check";
    NavGil => "1 GIL 全局解释器锁", "1 The GIL";
    NavKettle => "2 烧水：同步异步与阻塞", "2 The kettle: sync, async, blocking";
    NavProcesses => "3.1 进程", "3.1 Processes";
    NavLock => "3.2.1 Lock 锁", "3.2.1 Lock";
    NavSemaphore => "3.2.2 Semaphore 信号量", "3.2.2 Semaphore";
    NavCondition => "3.2.3 Condition 条件", "3.2.3 Condition";
    NavCoroutine => "4.1 生成器协程", "4.1 Generator coroutines";
    NavAsync => "4.2 async/await 异步", "4.2 async/await";
    NotFoundTitle => "没有这个页面", "No such page";
    NotFoundBody => "地址 {route} 不对应任何页面。请从左侧目录选择。", "The address {route} is not a page. Pick one from the list of sections.";

    CapsLabel => "浏览器能力", "What this browser offers";
    CapsIsolated => "跨源隔离", "Cross-origin isolated";
    CapsSab => "SharedArrayBuffer", "SharedArrayBuffer";
    CapsCores => "逻辑核心", "Logical cores";
    CapsBrowser => "浏览器", "Browser";
    CapsClock => "计时精度", "Clock step";
    CapsClockValue => "{ms} 毫秒（时间线上更短的间隔量不出来）", "{ms} ms (the timelines cannot show anything shorter)";
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
    FieldGilThreadsHelp => "同时计算 fib(n) 的线程（或进程）数；顺序模式在一个线程里连算 k 次", "how many threads (or processes) compute fib(n) at once; sequential computes it k times on one thread";
    FieldSwitchInterval => "切换间隔（毫秒）", "switch interval (ms)";
    FieldSwitchIntervalHelp => "CPython 的 sys.getswitchinterval()，默认 5 毫秒：等待者等这么久后请求持有者交出 GIL", "CPython's sys.getswitchinterval(), 5 ms by default: a waiter asks the holder to drop the GIL after this long";
    FieldModes => "模式", "modes";
    FieldModesHelp => "逗号分隔：sequential（顺序）、gil（有 GIL 的线程）、free（无 GIL 的线程）、processes（进程）", "comma list of: sequential, gil (threads under a GIL), free (threads, no GIL), processes";
    FieldWorkers => "线程数 / 进程数", "threads / processes";
    FieldWorkersHelp => "两种方式各开这么多个，每个算一次 fib(n)", "how many of each to start; each computes fib(n) once";
    FieldLockThreadsHelp => "每个线程读一次计数器、睡一会儿、再写回加 1", "each thread reads the counter, sleeps, and writes it back plus one";
    FieldSleepMs => "读写之间睡眠（毫秒）", "sleep between read and write (ms)";
    FieldSleepMsHelp => "睡得越久，不加锁时线程的读写窗口越容易重叠", "the longer the sleep, the more the read→write windows overlap without the lock";
    FieldUseLock => "使用锁", "use the lock";
    FieldUseLockHelp => "true：读和写都在我们的 Lock 里；false：不加锁", "true: read and write inside our Lock; false: no lock";
    FieldPermits => "许可数 k", "permits k";
    FieldPermitsHelp => "Semaphore(k)：同时最多 k 个线程持有", "Semaphore(k): at most k threads hold it at once";
    FieldMaxHold => "最长持有时间（毫秒）", "longest hold (ms)";
    FieldMaxHoldHelp => "每个线程随机持有 0 到这么久", "each thread holds its permit for a random time up to this";
    FieldSeed => "随机种子", "random seed";
    FieldSeedHelp => "留空则每次随机；填同一个种子可以重现同一次运行", "empty: a new one each run; the same seed gives the same run again";
    FieldConsumers => "消费者数", "consumers";
    FieldConsumerStart => "消费者开始等待的时刻（毫秒）", "when each consumer starts (ms)";
    FieldConsumerStartHelp => "逗号分隔，每个消费者一个", "a comma list, one per consumer";
    FieldProducerDelay => "生产者延迟（毫秒）", "producer delay (ms)";
    FieldProducerDelayHelp => "生产者过这么久才生产并通知", "the producer produces and notifies after this long";
    FieldNotify => "通知几个", "notify";
    FieldNotifyHelp => "all 即 notify_all()；数字 n 即 notify(n)", "all is notify_all(); a number n is notify(n)";
    FieldUsePredicate => "用谓词等待", "wait with a predicate";
    FieldUsePredicateHelp => "true：wait_for(资源已就绪)；false：像原文一样直接 wait()", "true: wait_for(the resource is there); false: a plain wait(), as in the post";
    FieldTimeout => "等待超时（毫秒）", "wait timeout (ms)";
    FieldTimeoutHelp => "每次等待最多这么久，所以永远不会卡死", "no wait lasts longer than this, so nothing hangs";
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
    ErrNotNumber => "“{value}”不是数字", "“{value}” is not a number";
    RandomPlaceholder => "随机", "random";
    ErrWrongCount => "需要正好 {n} 个值，每个 {per} 一个", "needs exactly {n} values, one per {per}";
    ErrEmptySet => "至少选一项：{options}", "choose at least one of: {options}";
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
    StartCold => "冷启动（新 worker）", "cold (new workers)";
    StartWarm => "热启动（复用 worker）", "warm (reused workers)";
    StartNote => "冷启动要加载并实例化整个程序；热启动只需唤醒一个已在等待的 worker。所以线程池会保留空闲的 worker。",
        "A cold start loads and instantiates the whole program; a warm start only wakes a worker that is already waiting. That is why the pool keeps idle workers.";
    Milliseconds => "{ms} 毫秒", "{ms} ms";

    StateWaiting => "等待", "waiting";
    StateHolding => "持有", "holding";
    StateReadWrite => "读 → 写", "read → write";
    StateSleeping => "睡眠", "sleeping";
    LaneConsumer => "消费者 {i}", "consumer {i}";
    LaneProducer => "生产者", "producer";
    GilCursor => "有 GIL：{holder}持有 GIL，{waiting} 个线程在等它。没有 GIL：{free} 个线程同时在算。", "With the GIL: {holder} holds it and {waiting} threads wait for it. Without a GIL: {free} threads compute at once.";
    GilCursorNobody => "没有线程", "no thread";
    StateHoldingGil => "持有 GIL 并计算", "holding the GIL, computing";
    StateStarting => "启动中", "starting";
    ModeSequential => "顺序", "sequential";
    ModeGil => "有 GIL 的线程", "threads, GIL";
    ModeFree => "无 GIL 的线程", "threads, no GIL";
    ModeThreads => "线程", "threads";
    ModeProcesses => "进程", "processes";
    LaneProcess => "进程 {i}", "process {i}";
    LaneOfMode => "{mode} · {lane}", "{mode} · {lane}";
    CodeHeading => "代码：Python 与实际运行的 Rust", "The code: Python, and the Rust that runs";
    CodePython => "Python（标准库，与本页实验相同）", "Python (standard library, the same experiment)";
    CodeRust => "Rust（本页实际运行的代码）", "Rust (what this page runs)";
    Times => "×{x}", "×{x}";

    GilIntro1 => "文章的第一个论断：CPython 有全局解释器锁（GIL），同一时刻只有一个线程执行 Python 字节码。所以两个线程算 fib(35) 并不比一个线程连算两次快，而两个进程（各有自己的解释器和 GIL）快约一倍。在本机用 CPython 3.11 测得：顺序 1.65 秒，两个线程 1.71 秒，两个进程 0.87 秒。",
        "The post's first claim: CPython has a global interpreter lock (GIL), so only one thread runs Python bytecode at a time. Two threads computing fib(35) are therefore no faster than one thread computing it twice, while two processes (each with its own interpreter and GIL) take about half the time. CPython 3.11 on this machine: 1.65 s in sequence, 1.71 s in two threads, 0.87 s in two processes.";
    GilIntro2 => "Rust 没有 GIL，所以这里模拟一个：它是真实线程争抢的一把真锁，交接规则与 CPython 3.2 以来的相同。想要 GIL 的线程最多等一个切换间隔，然后请求持有者放手；持有者在下一个检查点（每隔几千次 fib 调用，约 15–20 微秒）交出 GIL，并等到别的线程拿到它为止。",
        "Rust has no GIL, so this page emulates one: a real lock that real threads contend for, handed over by CPython's rule since 3.2. A thread that wants the GIL waits at most one switch interval, then asks the holder to let go; the holder drops it at its next check point (every few thousand calls of fib, about 15–20 µs) and waits until another thread has taken it.";
    GilIntro3 => "Rust 的 fib(35) 比 CPython 快约 45 倍，所以启动一个进程（一个有自己实例和内存的新 worker）的开销不再可以忽略：下面把它单独列出，并算出从哪个 n 起进程才划算。",
        "Rust's fib(35) is about 45 times faster than CPython's, so starting a process (a new worker with its own instance and memory) is no longer negligible next to the work: it is shown on its own below, with the n from which processes pay off.";
    GilBarsHeading => "每种方式的总用时（含启动与 join，取最快一轮）", "Total time per mode (start and join included, fastest round)";
    GilVerdictGil => "有 GIL：{k} 个线程用了顺序执行的 {ratio} 倍时间，交接 {switches} 次。线程轮流持有 GIL，没有并行。",
        "With the GIL: {k} threads took {ratio} times the sequential time, with {switches} hand-overs. The threads took turns; nothing ran in parallel.";
    GilVerdictFree => "没有 GIL：{k} 个线程比顺序执行快 {x} 倍。", "Without a GIL: {k} threads ran {x} times faster than the sequence.";
    GilVerdictProcesses => "进程：比顺序执行快 {x} 倍，其中启动用了 {spawn} 毫秒。", "Processes: {x} times faster than the sequence, of which starting took {spawn} ms.";
    GilChecks => "检查点之间最多 {calls} 次 fib 调用；持有 GIL 时平均每 {us} 微秒检查一次。", "At most {calls} calls of fib between check points; a holder checked every {us} µs on average.";
    GilTruncated => "GIL 交接太多，时间线只画出了其中一部分。", "So many hand-overs that the timeline shows only some of them.";
    GilTimelineHeading => "每个线程在做什么（各模式从自己的开始算起）", "What each thread did (each mode from its own start)";
    GilCurveHeading => "加速比随线程数 / 进程数的变化", "Speedup by number of threads or processes";
    GilCurveX => "线程数 / 进程数 k", "threads or processes k";
    GilCurveY => "加速比（k 次顺序计算的时间 ÷ 实测）", "speedup (k computations in sequence ÷ measured)";
    GilCurveIdeal => "理想：k 倍", "ideal: k times";
    BreakEven => "一次 fib(n) 约 {fib} 毫秒，启动进程约 {spawn} 毫秒：n 每加 1，计算量约乘 1.6，按此估算，n ≥ {m} 时 {k} 个进程才比顺序执行快。", "One fib(n) takes about {fib} ms and starting the processes about {spawn} ms; each step of n costs 1.6 times more, so by that estimate {k} processes beat the sequence from n = {m} on.";
    BreakEvenNever => "只有一个核心或一个进程时，进程永远不会比顺序执行快。", "With one core or one process, processes never beat the sequence.";

    LockIntro => "每个线程读取共享计数器、睡一会儿、再把读到的值加 1 写回。不加锁时，多个线程读到同一个旧值，后写的覆盖先写的，更新就丢了；放进我们的 Lock 里，同一时刻只有一个线程处在“读→写”之间，结果正好等于线程数。",
        "Each thread reads a shared counter, sleeps a little, and writes back what it read plus one. Without a lock, several threads read the same old value and the later writes overwrite the earlier ones: updates are lost. Inside our Lock only one thread at a time is between its read and its write, and the count comes out exactly the number of threads.";
    LockPresetWith => "加锁", "with the lock";
    LockPresetWithout => "不加锁", "without the lock";
    LockVerdictExact => "计数器 = {value}，应为 {expected}：一次更新都没丢。", "Counter = {value}, expected {expected}: no update was lost.";
    LockVerdictLost => "计数器 = {value}，应为 {expected}：丢了 {lost} 次更新。", "Counter = {value}, expected {expected}: {lost} updates were lost.";
    LockTimes => "用时 {ms} 毫秒，其中启动所有线程 {spawn} 毫秒；同时处在“读→写”之间的线程最多 {overlap} 个。", "Took {ms} ms, of which starting every thread {spawn} ms; at most {overlap} threads were between read and write at once.";
    LockTimelineHeading => "每个线程的“读→写”窗口（加锁时先等锁）", "Each thread's read → write window (with the lock, after waiting for it)";
    LockTimelineHeadingNoLock => "每个线程的“读→写”窗口（不加锁：窗口互相重叠）", "Each thread's read → write window (no lock: the windows overlap)";
    SemaphoreCursorHolders => "此刻 {permits} 个许可中有 {holding} 个被占用。", "{holding} of the {permits} permits are held now.";
    ConditionCursorNotified => "生产者已在 {ms} 毫秒发出通知。", "The producer notified at {ms} ms.";
    ConditionCursorNotYet => "生产者还没有发出通知。", "The producer has not notified yet.";
    ConditionCursorWoken => "到此刻已被唤醒的消费者：{who}。", "Woken by now: consumer {who}.";
    ConditionCursorNoneWoken => "还没有消费者被唤醒。", "No consumer has been woken yet.";
    LockCursorCounter => "此刻计数器的值是 {value}，已有 {writes} 个线程写回。", "The counter is {value} now; {writes} threads have written it back.";
    LockTimelineAxis => "从全部线程都在运行起的时间（毫秒）", "time since every thread was running (ms)";
    LockTimelineNote => "启动这 {threads} 个线程用了 {spawn} 毫秒，图中未画出：时间从它们全部运行、同时开始时算起。", "Starting the {threads} threads took {spawn} ms, not drawn: time counts from when all of them were running and began together.";
    SemaphoreIntro => "Semaphore(k) 同时最多放 k 个线程进去。每个线程拿到许可后随机持有一段时间再归还；日志与原文的输出格式相同，甘特图下方画出了任一时刻的持有者数量和许可数那条线。",
        "Semaphore(k) lets at most k threads in at a time. Each thread takes a permit, holds it for a random time, and gives it back; the log reads like the post's output, and under the Gantt chart the number of holders over time runs below the line at the permit count.";
    SemaphoreVerdict => "同时持有许可的线程最多 {most} 个（许可数 {permits}）。", "At most {most} threads held a permit at once ({permits} permits).";
    SemaphoreGanttHeading => "每个线程：等待许可，持有许可", "Each thread: waiting for a permit, holding one";
    SemaphoreCountHeading => "同时持有许可的线程数", "Threads holding a permit";
    SemaphoreCountAxis => "持有者", "holders";
    SemaphorePermitsLine => "许可数 {k}", "permits: {k}";
    SemaphoreLogHeading => "日志", "Log";
    ConditionIntro1 => "消费者在我们的 Condition 上等待，生产者让资源就绪后通知（notify(n) 或 notify_all()）。时间线上能看到谁在等、谁在什么时候被唤醒、谁超时了。",
        "Consumers wait on our Condition; the producer makes the resource available and notifies (notify(n) or notify_all()). The timeline shows who waited, who woke when, and who timed out.";
    ConditionIntro2 => "原文的例子有个竞争：如果生产者在某个消费者开始等待之前就通知了，这次通知没有人收到，那个消费者会一直等下去。这里每次等待都有超时，所以它会超时而不是卡死；用 wait_for 检查谓词（资源是否已就绪）就能治好：它先看资源，看到了就直接继续。",
        "The post's example has a race: if the producer notifies before a consumer starts waiting, nobody receives that notify, and the consumer waits forever. Here every wait has a timeout, so it times out instead of hanging; wait_for with a predicate (is the resource there?) cures it: it looks at the resource first, and goes on when it is there.";
    ConditionPresetDefault => "默认：两个消费者都在通知前开始等", "default: both consumers wait before the notify";
    ConditionPresetLost => "丢失唤醒：第二个消费者在通知之后才开始等", "lost wake-up: the second consumer starts after the notify";
    ConditionPresetCured => "用谓词治好", "cured with a predicate";
    ConditionTimelineHeading => "消费者和生产者", "Consumers and the producer";
    ConditionNotifyMarker => "notify", "notify";
    ConditionConsumer => "消费者", "consumer";
    ConditionStartCol => "开始", "start";
    ConditionWaitCol => "开始等待", "began waiting";
    ConditionOutcomeCol => "结果", "outcome";
    ConditionWoke => "在 {ms} 毫秒继续", "went on at {ms} ms";
    ConditionTimedOut => "超时（错过了通知）", "timed out (missed the notify)";
    ConditionNotifyAt => "生产者在 {ms} 毫秒通知。", "The producer notified at {ms} ms.";
    FieldBoilMinutes => "烧开要几分钟", "minutes to boil";
    FieldCheckEvery => "每隔几分钟去看一次", "look every (minutes)";
    FieldCheckEveryHelp => "只有“同步非阻塞”的老张会去看；每次去看要花 0.1 分钟", "only the sync, non-blocking person goes to look; each look takes 0.1 minute";
    FieldMsPerMinute => "故事里一分钟 = 多少毫秒", "real ms per story minute";
    FieldMsPerMinuteHelp => "200 表示故事里的 5 分钟实际跑 1 秒", "200 means the story's 5 minutes take 1 real second";
    KettleIntro1 => "老张烧水，要么站在水壶边等，要么去看电视；水壶要么是普通水壶，要么是水开了会响的响水壶。同步还是异步，说的是水壶（它会不会告诉你）；阻塞还是非阻塞，说的是老张（他等不等）。四种情况各自用它代表的真实机制来跑：",
        "A man boils water and either stands at the kettle or watches TV; the kettle is plain, or it whistles when the water boils. Sync or async is about the kettle (does it tell you?); blocking or non-blocking is about the man (does he wait?). Each of the four cases runs on the real mechanism it stands for:";
    KettleCase1 => "同步阻塞：老张的线程阻塞在水壶上（我们的 Event.wait）。", "Sync, blocking: his thread blocks on the kettle (our Event.wait).";
    KettleCase2 => "同步非阻塞：老张的线程看电视，每隔一会儿去看一眼（轮询 Event.is_set）。", "Sync, non-blocking: his thread watches TV and goes to look every so often (polling Event.is_set).";
    KettleCase3 => "异步阻塞：页面的事件循环立刻 await 水壶的哨声（水壶线程兑现的一个 Promise），别的什么也不做。", "Async, blocking: the page's event loop awaits the whistle at once (a promise that the kettle's thread resolves) and does nothing else.";
    KettleCase4 => "异步非阻塞：老张在事件循环上一段一段地看电视（每一段都是这条线程上的真实工作）；哨声的回调会把水拿走，可回调只能在事件循环空闲时运行，所以要等正在播的这一段结束。页面只有一个事件循环，所以这种情况在前三种之后单独跑。", "Async, non-blocking: he watches TV on the event loop, scene after scene (each one real work on that one thread); the whistle's callback picks up the water, but a callback runs only when the loop is free, so it waits for the scene in progress to end. The page has one event loop, so this case runs on its own, after the other three.";
    KettleTableCase => "情况", "case";
    KettleTableTv => "烧水时看了几分钟电视", "minutes of TV while it heated";
    KettleTableChecks => "去看了几次", "looks at the kettle";
    KettleTableDelay => "水开到拿走（分钟）", "boiled → picked up (minutes)";
    KettleTimelineHeading => "老张和水壶在做什么", "What the man and the kettle did";
    KettleAxis => "时间（毫秒，每种情况从它自己开始算；{ms} 毫秒 = 故事里 1 分钟）", "time (ms, each case from its own start; {ms} ms = one story minute)";
    CaseSyncBlocking => "同步阻塞", "sync, blocking";
    CaseSyncNonblocking => "同步非阻塞", "sync, non-blocking";
    CaseAsyncBlocking => "异步阻塞", "async, blocking";
    CaseAsyncNonblocking => "异步非阻塞", "async, non-blocking";
    LanePerson => "{case} · 老张", "{case} · man";
    LaneKettle => "{case} · 水壶", "{case} · kettle";
    KettleCursorCase => "{case}：人——{person}；水壶——{kettle}。", "{case}: the man is {person}; the kettle is {kettle}.";
    KettleCursorBetween => "两件事之间", "between two things";
    KettleCursorFinished => "结束了", "done";
    StateWatchingTv => "看电视", "watching TV";
    StateChecking => "去看水壶", "looking at the kettle";
    StateHeating => "加热", "heating";
    StateBoiled => "水开了（没人知道）", "boiled (nobody told)";
    StateWhistling => "响了", "whistling";
    FieldItems => "物品数", "items";
    FieldItemsHelp => "生产者依次发送 1 到这么多", "the producer sends 1 up to this many";
    CoroutineIntro => "生产者用 send 驱动消费者生成器：消费者在 yield 处停下，把回复交出去，等下一次 send 把新物品送进来。两边轮流运行，都在同一个线程上，不需要锁。按“运行”一次走完，或用下面的“单步”每次只走一个 send。",
        "A producer drives a consumer generator with send: the consumer stops at its yield, hands its reply out, and waits for the next send to bring the next item in. The two take turns on one thread, with no lock. Run goes through it all; Step below goes one send at a time.";
    CoroutineWhy => "Rust 这边用的是 nightly 的协程（带恢复参数的 yield），因为它和 Python 的生成器一一对应：Python 有一个 yield 的地方，Rust 也恰好有一个，状态机由编译器生成。生产者也写成协程，每次 send 之后挂起，这样页面才能单步。",
        "The Rust side uses nightly coroutines (yield with a resume argument), because they map one to one onto Python's generators: where the Python has a yield, so does the Rust, and the compiler writes the state machine. The producer is a coroutine too, suspended after each send, so that the page can step.";
    CoroutineStepHeading => "单步执行", "Step through it";
    CoroutineStep => "单步（一次 send）", "Step (one send)";
    CoroutineReset => "从头开始", "Start over";
    CoroutineStepCount => "已输出 {lines} 行", "{lines} lines printed";
    CoroutineProducer => "生产者", "producer";
    CoroutineConsumer => "消费者（生成器）", "consumer (generator)";
    SeqAt => "第 {k} / {n} 行输出：{side}打印“{text}”", "Printed line {k} of {n}: the {side} prints “{text}”";
    SeqPrinting => "正在运行，打印这一行", "running, printing this line";
    SeqInSend => "停在 send 里：消费者运行到下一个 yield 才回来", "inside send: waits while the consumer runs to its next yield";
    SeqAtYield => "停在 yield：等下一次 send", "suspended at yield until the next send";
    SeqNotStarted => "已创建，还没运行（第一次 send(None) 才启动它）", "made but not started (the first send(None) starts it)";
    SeqClosed => "已被 close() 结束", "ended by close()";
    SeqLineNo => "coroutine.py 第 {line} 行", "coroutine.py line {line}";
    SeqHint => "点击一行输出，或按 ← → 逐行移动（Home/End 到头尾），看两边各停在哪一行代码。", "Click a printed line, or press ← → to move line by line (Home/End for the ends), to see which line of the program each side is on.";
    SeqCursorLabel => "输出光标", "line cursor";
    SeqSummary => "图中数据：{lines} 行输出，控制权交接 {handovers} 次（展开看表格）", "The data: {lines} printed lines, control passed {handovers} times (open for the table)";
    SeqColStep => "序号", "#";
    SeqColSide => "谁打印", "printed by";
    SeqColPrinted => "打印的内容", "printed";
    SeqColProducer => "生产者此刻在", "the producer is at";
    SeqColConsumer => "消费者此刻在", "the consumer is at";
    CoroutineTraceHeading => "谁在什么时候运行", "Who runs when";
    FieldTasks => "任务数", "tasks";
    FieldTasksHelp => "第 i 个任务睡 i 个单位", "task i sleeps i units";
    FieldUnitMs => "单位（毫秒）", "unit (ms)";
    FieldCompareSequential => "也逐个运行", "also run one by one";
    FieldCompareSequentialHelp => "true：再让这些任务一个接一个地运行，作比较", "true: run the same tasks one after another as well, to compare";
    AsyncIntro => "每个任务 await 一个 JS Promise（setTimeout），这就是 asyncio.sleep。它们都在页面的主线程上、同一个事件循环里运行：一个任务在等待时，线程去运行别的任务。所以一起运行的总时间约等于最长的那次睡眠，而一个接一个运行要花所有睡眠之和。",
        "Each task awaits a JS promise (setTimeout), which is asyncio.sleep here. They all run on the page's main thread, in one event loop: while one task awaits, the thread runs the others. So together they take about the longest sleep, and one after another they take the sum of all sleeps.";
    AsyncBarsHeading => "一起运行与逐个运行", "Together and one after another";
    AsyncCursorLoop => "{run}：{doing}；{waiting} 个任务在等计时器，{done} 个已完成。", "{run}: {doing}; {waiting} tasks await their timers, {done} done.";
    AsyncLoopStarts => "事件循环启动任务 {ids}，各自运行到第一个 await", "the event loop starts task {ids}, each runs to its first await";
    AsyncLoopFinishes => "事件循环恢复任务 {ids}（计时器到了），它运行到结束", "the event loop resumes task {ids} (its timer fired) and it runs to its end";
    AsyncLoopIdle => "事件循环空闲，等下一个计时器", "the event loop is idle until the next timer fires";
    AsyncTogether => "一起（事件循环）", "together (event loop)";
    AsyncOneByOne => "逐个 await", "awaited one by one";
    AsyncVerdict => "一起运行用了 {together} 毫秒，最长的睡眠是 {longest} 毫秒，睡眠之和是 {sum} 毫秒。", "Together they took {together} ms; the longest sleep is {longest} ms, the sum of the sleeps {sum} ms.";
    AsyncTimelineHeading => "每个任务何时在等待，事件循环何时在运行它们", "When each task awaited, and when the event loop ran them";
    AsyncTimelineNote => "“事件循环”那一行的细线是它运行某个任务的时刻：开始时和睡醒时各一次，其余时间线程空闲。", "The slivers on the event loop's row are the moments it ran a task: once at its start and once when it woke; the rest of the time the thread is free.";
    LaneEventLoop => "事件循环", "event loop";
    LaneTask => "任务 {i}", "task {i}";
    LaneSequentialPrefix => "逐个：", "one by one: ";
    ProcessesIntro1 => "线程共享父进程的内存，进程各有自己的内存，只能通过消息通信（Python 的 multiprocessing 用 pickle 传参数和结果）。这里的“进程”是一个拥有自己 WebAssembly 实例和内存的 web worker，只用 postMessage 通信。",
        "Threads share their parent's memory; processes each have their own and talk only by messages (Python's multiprocessing pickles arguments and results). A \"process\" here is a web worker with its own WebAssembly instance and memory that talks only by postMessage.";
    ProcessesIntro2 => "下面同一份工作分别用线程和进程完成，并单独测量启动的开销；最后是隔离性的一课：子进程把全局计数器加了 1000 次，父进程看到的仍是 0；线程做同样的事，父进程看到 1000。",
        "Below, the same work runs in threads and in processes, and the cost of starting each is measured on its own. Then the isolation lesson: a child process adds 1000 to a global counter and the parent still reads 0; a thread does the same and the parent reads 1000.";
    ProcessesBarsHeading => "同样的工作：线程与进程（含启动与 join）", "The same work: threads and processes (start and join included)";
    ProcessesSpawnOf => "其中启动 {ms} 毫秒", "of which starting: {ms} ms";
    SpawnHeading => "启动 {k} 个线程或进程要多久（不做任何工作）", "How long starting {k} threads or processes takes (doing nothing)";
    SpawnMode => "方式", "kind";
    SpawnProcessNote => "进程每次都是全新的实例和内存。冷启动要新建 worker、加载程序再实例化；热启动用事先加载好程序的备用 worker（就像 fork 服务器备好的模板），只需新建实例和内存。线程的热启动则是复用空闲的 worker。上面的工作用的是热启动的进程。",
        "A process always gets a new instance and a new memory. Cold, it also needs a new worker that loads the program; warm, it starts from a spare worker that has the program loaded already (as a fork server keeps a template), so only the instance and memory are new. A warm thread reuses an idle worker. The work above used warm processes.";
    IsolationHeading => "隔离：谁看得见谁的改动", "Isolation: who sees whose changes";
    IsolationProcess => "子进程把计数器加了 {n} 次，它自己读到 {child}；父进程读到 {parent}。", "A child process added 1 to the counter {n} times and read {child}; the parent reads {parent}.";
    IsolationThread => "线程把计数器加了 {n} 次；父进程读到 {value}。", "A thread added 1 to the counter {n} times; the parent reads {value}.";
    IsolationVerdict => "进程改的是自己那份内存的副本；线程改的就是父进程的内存。", "The process changed its own copy of memory; the thread changed the parent's.";

    // What stops the program from starting (the rest is in src/web/boot.js,
    // which speaks before the program can).
    ProblemWorkersWhatToDo => "每个实验的线程都在 web worker 里运行，所以实验无法运行。请确认浏览器、它的设置或扩展没有阻止本站启动 worker（例如内容安全策略的 worker-src），然后刷新页面。",
        "Every experiment runs its threads in web workers, so no experiment can run. Check that the browser, a setting or an extension does not stop this site from starting workers (a Content-Security-Policy's worker-src, for instance), then reload the page.";
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
        let same_in_both = [
            Text::CapsSab,
            Text::Times,
            Text::LaneOfMode,
            Text::ConditionNotifyMarker,
        ];
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
