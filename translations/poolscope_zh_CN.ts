<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Help</name>
    <message>
        <source>Without --headless, PoolScope opens its window (a display is needed) on the
embedded SQLite database with a gentle demo workload, or on each --connect URL.</source>
        <translation>不带 --headless 时，PoolScope 打开主窗口
（需要图形显示环境），在内嵌的 SQLite 数据库上运行
一个轻量的演示负载，或为每个 --connect URL 打开连接池。</translation>
    </message>
    <message>
        <source>run without a GUI</source>
        <translation>不带图形界面运行</translation>
    </message>
    <message>
        <source>database to pool; default: the embedded SQLite database
sqlite://&lt;data dir&gt;/embedded.db, data dir =
$XDG_DATA_HOME/poolscope or ~/.local/share/poolscope.
Also sim://?connect_ms=&amp;query_ms=&amp;jitter_ms=&amp;fail_pct=
&amp;max_server_conns=&amp;restart_every_s= (simulated server)</source>
        <translation>要建立连接池的数据库；默认为内嵌的 SQLite 数据库
sqlite://&lt;data dir&gt;/embedded.db，其中 data dir 为
$XDG_DATA_HOME/poolscope 或 ~/.local/share/poolscope。
也可用 sim://?connect_ms=&amp;query_ms=&amp;jitter_ms=&amp;fail_pct=
&amp;max_server_conns=&amp;restart_every_s=（模拟服务器）</translation>
    </message>
    <message>
        <source>open a pool on URL (repeat for several pools)</source>
        <translation>在 URL 上打开连接池（可重复使用以打开多个连接池）</translation>
    </message>
    <message>
        <source>name, max_open, max_idle, min_idle, max_lifetime_ms,
max_idle_time_ms, acquire_timeout_ms,
validate (never|borrow|idle:MS), validation_timeout_ms,
keepalive_ms, leak_threshold_ms, housekeeping_ms</source>
        <translation>name、max_open、max_idle、min_idle、max_lifetime_ms、
max_idle_time_ms、acquire_timeout_ms、
validate (never|borrow|idle:MS)、validation_timeout_ms、
keepalive_ms、leak_threshold_ms、housekeeping_ms</translation>
    </message>
    <message>
        <source>settings of the first pool (keys as for --headless)</source>
        <translation>第一个连接池的配置（键与 --headless 相同）</translation>
    </message>
    <message>
        <source>workers (4), query (&apos;SELECT 1&apos;; quote it if it has
commas: query=&apos;SELECT a, b FROM t&apos;), hold_ms (10),
think_ms (10), leak_pct (0-100), tx (false),
pool_per_request (false)</source>
        <translation>workers (4)、query (&apos;SELECT 1&apos;；含逗号时须加引号：
query=&apos;SELECT a, b FROM t&apos;)、hold_ms (10)、
think_ms (10)、leak_pct (0-100)、tx (false)、
pool_per_request (false)</translation>
    </message>
    <message>
        <source>the first pool&apos;s workload; &apos;off&apos; starts none</source>
        <translation>第一个连接池的负载；设为 &apos;off&apos; 则不启动负载</translation>
    </message>
    <message>
        <source>seconds to run (default 10; 0 = until Ctrl-C/SIGTERM)</source>
        <translation>运行秒数（默认 10；0 表示一直运行到 Ctrl-C/SIGTERM）</translation>
    </message>
    <message>
        <source>milliseconds between snapshot lines (default 1000, min 10)</source>
        <translation>快照行之间的间隔毫秒数（默认 1000，最小 10）</translation>
    </message>
    <message>
        <source>health thresholds (JSON, see the README); default: the
built-in ones, as in resources/thresholds.json</source>
        <translation>健康阈值（JSON，见 README）；默认使用内置阈值，
即 resources/thresholds.json 中的阈值</translation>
    </message>
    <message>
        <source>health thresholds (JSON; README, &apos;Health thresholds
file&apos;); default: the file saved from the GUI, else the
built-in set</source>
        <translation>健康阈值（JSON；见 README 的 &apos;Health thresholds file&apos;
一节）；默认使用在图形界面中保存的文件，
若没有则使用内置阈值</translation>
    </message>
    <message>
        <source>exit 4 when an alert of GRADE (warning or danger) or
worse fired during the run</source>
        <translation>运行期间若触发了 GRADE（warning 或 danger）
或更严重级别的告警，则以退出码 4 退出</translation>
    </message>
    <message>
        <source>also record the session to FILE (.psrec, see the README);
a crash or kill loses at most the last second</source>
        <translation>同时将会话录制到 FILE（.psrec，见 README）；
崩溃或进程被终止时最多丢失最后一秒的数据</translation>
    </message>
    <message>
        <source>record the session to FILE (.psrec) from the start;
File &gt; Record (Ctrl+R) stops it</source>
        <translation>从启动起将会话录制到 FILE（.psrec）；
用「文件 &gt; 停止录制」（Ctrl+R）结束</translation>
    </message>
    <message>
        <source>keep the last 15 minutes in memory and write them
to FILE (.psrec) on SIGUSR1 (kill -USR1 PID) and when
--fail-on trips</source>
        <translation>在内存中保留最近 15 分钟的数据，并在收到 SIGUSR1
（kill -USR1 PID）时以及 --fail-on 触发时
将其写入 FILE（.psrec）</translation>
    </message>
    <message>
        <source>serve the pool while the run goes on: /metrics
(Prometheus), /api/v1/pools/NAME/{snapshot,events,
recording} and actions (see the README). Binds only
loopback unless a token is given</source>
        <translation>运行期间对外提供该连接池的接口：/metrics
（Prometheus）、/api/v1/pools/NAME/{snapshot,events,
recording} 及各项操作（见 README）。
未提供令牌时只绑定回环地址</translation>
    </message>
    <message>
        <source>bearer token (with --serve: required for actions, events
and recordings; with --attach: sent to the endpoint)</source>
        <translation>Bearer 令牌（配合 --serve：执行操作、接收事件和
下载录制时必需；配合 --attach：发送给端点）</translation>
    </message>
    <message>
        <source>the endpoints&apos; bearer token (enables their actions)</source>
        <translation>各端点的 Bearer 令牌（启用端点上的操作）</translation>
    </message>
    <message>
        <source>with --serve: /metrics needs the token too</source>
        <translation>配合 --serve：/metrics 也需要令牌</translation>
    </message>
    <message>
        <source>with --serve: serve HTTPS with this certificate (PEM)</source>
        <translation>配合 --serve：使用此证书（PEM）提供 HTTPS 服务</translation>
    </message>
    <message>
        <source>with --serve: the certificate&apos;s private key (PEM)</source>
        <translation>配合 --serve：该证书的私钥（PEM）</translation>
    </message>
    <message>
        <source>show the pools of another process instead of running
one: a PoolScope endpoint (http(s)://host:port), a
service&apos;s Prometheus text (.../metrics, ?format=NAME),
every pool a Prometheus server knows
(prometheus://host:9090[?match=...]), PgBouncer&apos;s
console (pgbouncer://user:pw@host:6432); a database
URL with ?view=server shows the server&apos;s own
sessions, also beside the pool of --connect</source>
        <translation>显示另一进程中的连接池，而不是自己运行连接池：
PoolScope 端点（http(s)://host:port）、服务的
Prometheus 文本（.../metrics, ?format=NAME）、
Prometheus 服务器所知的全部连接池
（prometheus://host:9090[?match=...]）、PgBouncer
的控制台（pgbouncer://user:pw@host:6432）；
带 ?view=server 的数据库 URL 显示服务器自身的会话，
也可与 --connect 的连接池并列显示</translation>
    </message>
    <message>
        <source>show the pools of another process (the URLs of --headless
--attach: an endpoint, Prometheus text, a Prometheus
server, PgBouncer, a server view); repeat for several</source>
        <translation>显示另一进程中的连接池（URL 同 --headless --attach：
端点、Prometheus 文本、Prometheus 服务器、PgBouncer、
服务器视图）；可重复使用以显示多个</translation>
    </message>
    <message>
        <source>with --attach: the CA that signed the endpoint&apos;s
certificate (PEM)</source>
        <translation>配合 --attach：签发端点证书的 CA（PEM）</translation>
    </message>
    <message>
        <source>the CA that signed the endpoints&apos; certificates (PEM)</source>
        <translation>签发各端点证书的 CA（PEM）</translation>
    </message>
    <message>
        <source>print the snapshot lines of a recording, each as it was
printed live, then its summary line; runs no pool</source>
        <translation>输出录制中的各快照行（与实时运行时输出的一致），
然后输出其汇总行；不运行连接池</translation>
    </message>
    <message>
        <source>replay a recording (.psrec) instead of the embedded
default</source>
        <translation>回放录制文件（.psrec），代替默认的内嵌数据库</translation>
    </message>
    <message>
        <source>replay pace: 0.25 to 100 times real time (default 1),
or max for as fast as possible</source>
        <translation>回放速度：实时的 0.25 到 100 倍（默认 1），
或用 max 表示尽可能快</translation>
    </message>
    <message>
        <source>with --replay: write the timeline to OUT as CSV (one row
per snapshot per pool) instead of printing it</source>
        <translation>配合 --replay：不输出时间线，而是以 CSV 格式写入 OUT
（每个连接池的每个快照一行）</translation>
    </message>
    <message>
        <source>write Prometheus alerting rules (YAML, to stdout) that
apply the health rules with the --thresholds to the
metrics of --format; runs no pool</source>
        <translation>输出 Prometheus 告警规则（YAML，写到 stdout），
按 --thresholds 的阈值将健康规则应用于 --format
格式的指标；不运行连接池</translation>
    </message>
    <message>
        <source>with --export-alert-rules: poolscope, hikaricp, go_sql,
pgxpool, otel, or all (default): one rule group each</source>
        <translation>配合 --export-alert-rules：poolscope、hikaricp、go_sql、
pgxpool、otel 或 all（默认）：每种格式一个规则组</translation>
    </message>
    <message>
        <source>user-interface language: zh_CN or en (default: system)</source>
        <translation>界面语言：zh_CN 或 en（默认：system）</translation>
    </message>
    <message>
        <source>system, light or dark (default: the saved choice)</source>
        <translation>system、light 或 dark（默认：上次保存的选择）</translation>
    </message>
    <message>
        <source>run an incident preset on the first pool: unbounded,
leak, restart (fake alive) or wait_storm</source>
        <translation>在第一个连接池上运行故障场景预设：unbounded、
leak、restart（假活）或 wait_storm</translation>
    </message>
    <message>
        <source>save a PNG of the window (with --quit-after S, after S s)</source>
        <translation>保存窗口的 PNG 截图（配合 --quit-after S，在 S 秒后）</translation>
    </message>
    <message>
        <source>quit after S seconds (exit status 0)</source>
        <translation>S 秒后退出（退出状态为 0）</translation>
    </message>
    <message>
        <source>show this text</source>
        <translation>显示本帮助文本</translation>
    </message>
    <message>
        <source>show the version</source>
        <translation>显示版本号</translation>
    </message>
    <message>
        <source>PoolScope runs a connection pool with a workload and shows what the pool does.
Without --headless it opens the dashboard (see below); --headless prints one
JSON snapshot line every interval, then a summary line.</source>
        <translation>PoolScope 运行带负载的连接池，并展示连接池的行为。
不带 --headless 时打开仪表盘（见下文）；--headless
则每个间隔输出一行 JSON 快照，最后输出一行汇总。</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>选项：</translation>
    </message>
    <message>
        <source>Exit status: 0 success, 2 bad arguments (or a file that is not a readable
recording), 3 database or endpoint cannot be reached, 4 an alert of the
--fail-on grade fired, 5 the recording could not be written.</source>
        <translation>退出状态：0 成功；2 参数错误（或文件不是可读的录制）；
3 无法连接数据库或端点；4 触发了 --fail-on 级别的告警；
5 无法写入录制文件。</translation>
    </message>
</context>
<context>
    <name>poolscope::AlertListModel</name>
    <message>
        <source>danger</source>
        <translation>危险</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>info</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>firing</source>
        <translation>触发中</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>已解除</translation>
    </message>
    <message>
        <source>, acknowledged</source>
        <translation>，已确认</translation>
    </message>
    <message>
        <source>, silenced</source>
        <translation>，已静默</translation>
    </message>
    <message>
        <source>%1 (threshold %2)</source>
        <translation>%1（阈值 %2）</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>连接池</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>时间</translation>
    </message>
</context>
<context>
    <name>poolscope::AlertNotifier</name>
    <message>
        <source>PoolScope</source>
        <translation>PoolScope</translation>
    </message>
    <message>
        <source>Pool %1: danger</source>
        <translation>连接池 %1：危险</translation>
    </message>
</context>
<context>
    <name>poolscope::AlertPanel</name>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Silence</source>
        <translation>静默</translation>
    </message>
    <message>
        <source>Show resolved</source>
        <translation>显示已解除</translation>
    </message>
    <message>
        <source>Mark the selected alert as seen: no more notifications until it resolves</source>
        <translation>将选中的告警标记为已读：解除前不再通知</translation>
    </message>
    <message numerus="yes">
        <source>for %n minute(s)</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>for %n hour(s)</source>
        <translation>
            <numerusform>%n 小时</numerusform>
        </translation>
    </message>
    <message>
        <source>No notifications from the selected alert for a while</source>
        <translation>一段时间内不再通知选中的告警</translation>
    </message>
    <message>
        <source>No active alerts</source>
        <translation>没有活动告警</translation>
    </message>
    <message numerus="yes">
        <source>%n active alert(s)</source>
        <translation>
            <numerusform>%n 条活动告警</numerusform>
        </translation>
    </message>
    <message>
        <source>Off for %1, its source does not report their inputs: %2</source>
        <translation>%1 的以下规则已关闭（其数据源未报告所需输入）：%2</translation>
    </message>
    <message>
        <source>%1: needs %2</source>
        <translation>%1：需要 %2</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>One row per alert: grade, pool, rule, state, message, value and since when. Double-click an alert to show its pool.</source>
        <translation>每行一条告警：级别、连接池、规则、状态、信息、数值和开始时间。双击告警可显示其连接池。</translation>
    </message>
</context>
<context>
    <name>poolscope::AlertText</name>
    <message>
        <source>config: %1</source>
        <translation>配置：%1</translation>
    </message>
    <message>
        <source>%1 is %2 ms: requests queue for a connection (in_use=%3 of max_open=%4, waiting=%5); shorten how long requests hold connections, or raise max_open</source>
        <translation>%1 为 %2 ms：请求在排队等待连接（in_use=%3 / max_open=%4，waiting=%5）；请缩短请求持有连接的时间，或调大 max_open</translation>
    </message>
    <message>
        <source> after acquire_timeout_ms=%1</source>
        <translation>（等待 acquire_timeout_ms=%1 后）</translation>
    </message>
    <message>
        <source>; last error: %1</source>
        <translation>；最近一次错误：%1</translation>
    </message>
    <message>
        <source> plus %1 unbounded pool(s)</source>
        <translation>，另有 %1 个无上限连接池</translation>
    </message>
    <message>
        <source>acquire wait P99</source>
        <translation>获取等待 P99</translation>
    </message>
    <message>
        <source>acquire wait P99 (from the source&apos;s histogram)</source>
        <translation>获取等待 P99（由数据源的直方图推算）</translation>
    </message>
    <message>
        <source>acquire wait P99 (the source&apos;s summary)</source>
        <translation>获取等待 P99（数据源的 summary）</translation>
    </message>
    <message>
        <source>mean wait (the source reports no percentiles)</source>
        <translation>平均等待（数据源未报告百分位数）</translation>
    </message>
    <message>
        <source>pool %1% busy — in_use=%2 of max_open=%3: requests queue once it is full; raise max_open if the database has room, or shorten holds</source>
        <translation>连接池 %1% 繁忙 — in_use=%2 / max_open=%3：占满后请求将排队；若数据库尚有余量可调大 max_open，或缩短持有时间</translation>
    </message>
    <message>
        <source>pool exhausted — %1 request(s) waiting, all %2 connections busy; they time out%3: look for slow queries or leaked connections, or raise max_open</source>
        <translation>连接池耗尽 — %1 个请求在等待，全部 %2 个连接均忙；这些请求将超时%3：请排查慢查询或泄漏的连接，或调大 max_open</translation>
    </message>
    <message>
        <source>%1 acquire timeout(s) in the last %2 — requests gave up%3 with every connection busy (in_use=%4 of max_open=%5, waiting=%6): look for slow queries or leaked connections, or raise max_open</source>
        <translation>最近 %2 内 %1 次获取超时 — 请求放弃等待%3，此时所有连接均忙（in_use=%4 / max_open=%5，waiting=%6）：请排查慢查询或泄漏的连接，或调大 max_open</translation>
    </message>
    <message>
        <source>idle=%1 below min_idle=%2 while the pool has room to open more: the housekeeper cannot refill; check connect errors and the server&apos;s connection limit</source>
        <translation>idle=%1 低于 min_idle=%2，而连接池仍可打开更多连接：维护线程无法补足；请检查连接错误和服务器的连接数上限</translation>
    </message>
    <message>
        <source>connection leak — &quot;%1&quot; has held connection %2 for %3 (leak_threshold_ms=%4); %5 connection(s) held past the threshold: find where this holder acquires without releasing (the acquiring stack is in leak_reports)</source>
        <translation>连接泄漏 — “%1”已持有连接 %2 达 %3（leak_threshold_ms=%4）；%5 个连接的持有时间超过阈值：请找出该持有者获取连接后未释放的位置（获取时的调用栈见 leak_reports）</translation>
    </message>
    <message>
        <source>connection leak — %1 leak report(s) in the last %2; the latest: &quot;%3&quot; held connection %4 for %5 (leak_threshold_ms=%6): find where this holder acquires without releasing (stack in leak_reports)</source>
        <translation>连接泄漏 — 最近 %2 内 %1 份泄漏报告；最新一份：“%3”持有连接 %4 达 %5（leak_threshold_ms=%6）：请找出该持有者获取连接后未释放的位置（调用栈见 leak_reports）</translation>
    </message>
    <message>
        <source>connection leak — %1 leak report(s) in the last %2 (leak_threshold_ms=%3)</source>
        <translation>连接泄漏 — 最近 %2 内 %1 份泄漏报告（leak_threshold_ms=%3）</translation>
    </message>
    <message>
        <source>stale connections — database restarted or idle timeout shorter than max_idle_time? %1 connection(s) failed validation or broke in use in the last %2: with validate=never and no keepalive, callers get them; set validate=borrow or keepalive_ms, or lower max_idle_time_ms</source>
        <translation>失效连接 — 数据库是否重启过，或其空闲超时短于 max_idle_time？最近 %2 内 %1 个连接验证失败或在使用中断开：validate=never 且没有 keepalive 时，调用方会拿到这些连接；请设置 validate=borrow 或 keepalive_ms，或调小 max_idle_time_ms</translation>
    </message>
    <message>
        <source>stale connections — database restarted or idle timeout shorter than max_idle_time? %1 connection(s) failed validation or broke in use in the last %2: validation catches them; if it keeps happening, lower max_idle_time_ms below the server&apos;s idle timeout</source>
        <translation>失效连接 — 数据库是否重启过，或其空闲超时短于 max_idle_time？最近 %2 内 %1 个连接验证失败或在使用中断开：验证会拦下这些连接；若反复出现，请将 max_idle_time_ms 调到服务器的空闲超时以下</translation>
    </message>
    <message>
        <source>database unreachable — %1 connect error(s) in the last %2: nothing answered at the server&apos;s address; check that the server is up, the host and port in the URL, and any firewall in between%3</source>
        <translation>数据库不可达 — 最近 %2 内 %1 次连接错误：服务器地址处无应答；请检查服务器是否在运行、URL 中的主机和端口，以及中间的防火墙%3</translation>
    </message>
    <message>
        <source>database full — %1 connect error(s) in the last %2: the server answered but has no connection slot left (max_connections reached); lower max_open of the pools sharing this server, close idle connections, or raise the server&apos;s max_connections%3</source>
        <translation>数据库连接已满 — 最近 %2 内 %1 次连接错误：服务器有应答，但已没有空闲的连接槽（已达 max_connections）；请调小共用该服务器的各连接池的 max_open、关闭空闲连接，或调大服务器的 max_connections%3</translation>
    </message>
    <message>
        <source>authentication refused — %1 connect error(s) in the last %2: the server answered and refused the credentials; check the user name and password in the URL and the server&apos;s access rules (pg_hba.conf, MySQL user hosts)%3</source>
        <translation>认证被拒绝 — 最近 %2 内 %1 次连接错误：服务器有应答，但拒绝了凭据；请检查 URL 中的用户名和密码，以及服务器的访问规则（pg_hba.conf、MySQL 用户的主机）%3</translation>
    </message>
    <message>
        <source>connection refused by configuration — %1 connect error(s) in the last %2: the server answered and refused the request; check the database name (and that the user may use it), the TLS settings (sslmode / ssl-mode, certificates) and the other URL parameters%3</source>
        <translation>连接因配置被拒绝 — 最近 %2 内 %1 次连接错误：服务器有应答，但拒绝了请求；请检查数据库名（以及该用户是否有权使用它）、TLS 设置（sslmode / ssl-mode、证书）和其他 URL 参数%3</translation>
    </message>
    <message>
        <source>cannot connect to the database — %1 connect error(s) in the last %2: check that the server is up and accepts connections (address, credentials, max_connections)%3</source>
        <translation>无法连接数据库 — 最近 %2 内 %1 次连接错误：请检查服务器是否在运行并接受连接（地址、凭据、max_connections）%3</translation>
    </message>
    <message>
        <source>%1 illegal state transition(s) in the last %2 — refused and counted: a bug in the pool, or a double release in the calling code; the refused edges are in the transition events</source>
        <translation>最近 %2 内 %1 次非法状态转换 — 已拒绝并计数：连接池存在缺陷，或调用代码重复释放了连接；被拒绝的转换见转换事件</translation>
    </message>
    <message>
        <source>%1 transition event(s) dropped in the last %2 — the event consumer falls behind; the counters stay exact</source>
        <translation>最近 %2 内丢弃了 %1 个转换事件 — 事件消费者处理不及；计数器仍然准确</translation>
    </message>
    <message>
        <source>unbounded pool — up to %1 connection(s) open in the last %2 (%3 now) with max_open=0: it opens one per concurrent request until the database refuses more; set max_open</source>
        <translation>无上限连接池 — 最近 %2 内最多打开了 %1 个连接（当前 %3 个），max_open=0：每个并发请求都会打开一个连接，直到数据库拒绝更多连接；请设置 max_open</translation>
    </message>
    <message>
        <source>the server holds %1 client session(s), %2% of the %3 its %4 pool(s) allow (max_open sum)%5: pools opened per request, more processes than planned, or a client no pool accounts for; see the server&apos;s sessions by application and client address</source>
        <translation>服务器持有 %1 个客户端会话，达到其 %4 个连接池允许总数 %3（max_open 之和）的 %2%%5：可能是按请求创建连接池、进程数多于计划，或有不属于任何连接池的客户端；请按应用和客户端地址查看服务器的会话</translation>
    </message>
    <message>
        <source>leak guard: %1 leak reports within %2 — pool &quot;%3&quot; shrunk from max_open=%4 to %5 to protect the database; fix the leak (see the leak alert), then raise max_open again</source>
        <translation>泄漏防护：%2 内 %1 份泄漏报告 — 连接池“%3”的 max_open 已从 %4 缩小到 %5 以保护数据库；请修复泄漏（见泄漏告警），然后再调大 max_open</translation>
    </message>
    <message>
        <source>leak guard: %1 leak reports within %2 — pool &quot;%3&quot; could not be shrunk: %4</source>
        <translation>泄漏防护：%2 内 %1 份泄漏报告 — 无法缩小连接池“%3”：%4</translation>
    </message>
    <message>
        <source>leak guard: %1 leak reports within %2 — pool &quot;%3&quot; suspended: acquires wait until it is resumed; fix the leak (see the leak alert), then resume the pool</source>
        <translation>泄漏防护：%2 内 %1 份泄漏报告 — 连接池“%3”已暂停：获取连接会一直等待到恢复为止；请修复泄漏（见泄漏告警），然后恢复连接池</translation>
    </message>
    <message>
        <source>leak guard: %1 leak reports within %2 — pool &quot;%3&quot; could not be suspended: %4</source>
        <translation>泄漏防护：%2 内 %1 份泄漏报告 — 无法暂停连接池“%3”：%4</translation>
    </message>
    <message>
        <source>retrying</source>
        <translation>正在重试</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>正在重新连接</translation>
    </message>
    <message>
        <source>no data from %1 for %2 s; %3 (backoff 1 s doubling to 30 s)</source>
        <translation>%2 秒未收到 %1 的数据；%3（退避 1 秒，逐次加倍至 30 秒）</translation>
    </message>
    <message>
        <source>%1; %2 (backoff 1 s doubling to 30 s)</source>
        <translation>%1；%2（退避 1 秒，逐次加倍至 30 秒）</translation>
    </message>
</context>
<context>
    <name>poolscope::AttachDialog</name>
    <message>
        <source>Attach to a pool in another process</source>
        <translation>连接到另一进程中的连接池</translation>
    </message>
    <message>
        <source>Endpoint URL</source>
        <translation>端点 URL</translation>
    </message>
    <message>
        <source>The PoolScope endpoint of a service (poolscope --serve, or a program linking poolscope_exporter): http(s)://host:port[/prefix][?pool=NAME]</source>
        <translation>服务的 PoolScope 端点（poolscope --serve，或链接 poolscope_exporter 的程序）：http(s)://host:port[/prefix][?pool=NAME]</translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation>Bearer 令牌</translation>
    </message>
    <message>
        <source>none: read-only (no actions, events or recordings if the endpoint has a token)</source>
        <translation>无：只读（若端点设置了令牌，则无法执行操作、接收事件或下载录制）</translation>
    </message>
    <message>
        <source>Keep the token in the system keychain</source>
        <translation>将令牌保存在系统钥匙串中</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>CA 证书文件</translation>
    </message>
    <message>
        <source>for https with a private CA (PEM); empty: the system&apos;s</source>
        <translation>用于私有 CA 的 https（PEM）；留空：使用系统证书</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose the CA certificate file</source>
        <translation>选择 CA 证书文件</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt);;All files (*)</source>
        <translation>PEM 文件 (*.pem *.crt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL：</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>令牌(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation>CA 文件(&amp;C)：</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Enter an http:// or https:// URL with a host, e.g. http://127.0.0.1:9187</source>
        <translation>请输入带主机名的 http:// 或 https:// URL，例如 http://127.0.0.1:9187</translation>
    </message>
</context>
<context>
    <name>poolscope::ChartExporter</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>nothing to export</source>
        <translation>没有可导出的内容</translation>
    </message>
</context>
<context>
    <name>poolscope::ChartsPanel</name>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>pool %1</source>
        <translation>连接池%1</translation>
    </message>
    <message>
        <source>settings changed</source>
        <translation>配置已变更</translation>
    </message>
    <message>
        <source>acquire timeouts</source>
        <translation>获取超时</translation>
    </message>
    <message>
        <source>broken connections closed</source>
        <translation>已关闭失效连接</translation>
    </message>
    <message>
        <source>leaks reported: %1</source>
        <translation>已报告泄漏：%1</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>danger</source>
        <translation>危险</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 resolved</source>
        <translation>%1 已解除</translation>
    </message>
</context>
<context>
    <name>poolscope::ConnectDialog</name>
    <message>
        <source>Connect to a database</source>
        <translation>连接数据库</translation>
    </message>
    <message>
        <source>No password saved for this profile: enter it.</source>
        <translation>此配置未保存密码，请输入。</translation>
    </message>
    <message>
        <source>Profile saved; the password is in the system keychain.</source>
        <translation>配置已保存，密码保存在系统钥匙串中。</translation>
    </message>
    <message>
        <source>Profile saved without its password: %1</source>
        <translation>配置已保存，但未保存密码：%1</translation>
    </message>
    <message>
        <source>New profile</source>
        <translation>新建配置</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>e.g. orders-db (also the pool&apos;s name)</source>
        <translation>例如 orders-db（同时作为连接池名称）</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Remember the password in the system keychain</source>
        <translation>在系统钥匙串中记住密码</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>connect_ms, query_ms, jitter_ms, fail_pct, max_server_conns, restart_every_s (a restart silently breaks every open connection).</source>
        <translation>connect_ms、query_ms、jitter_ms、fail_pct、max_server_conns、restart_every_s（重启会悄无声息地使所有已打开的连接失效）。</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Database kind</source>
        <translation>数据库类型</translation>
    </message>
    <message>
        <source>SQLite database file</source>
        <translation>SQLite 数据库文件</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite);;All files (*)</source>
        <translation>SQLite 数据库 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Looking for the password in the system keychain…</source>
        <translation>正在系统钥匙串中查找密码…</translation>
    </message>
    <message>
        <source>default (%1)</source>
        <translation>默认（%1）</translation>
    </message>
    <message>
        <source>URL: %1</source>
        <translation>URL：%1</translation>
    </message>
    <message>
        <source>Passwords are kept in the system keychain only, never in PoolScope&apos;s settings file.</source>
        <translation>密码只保存在系统钥匙串中，绝不写入 PoolScope 的设置文件。</translation>
    </message>
    <message>
        <source>The system keychain is not available (%1). Passwords are not stored: PoolScope asks for them when it connects.</source>
        <translation>系统钥匙串不可用（%1）。密码不会被保存：PoolScope 会在连接时询问。</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>测试中…</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Profile saved.</source>
        <translation>配置已保存。</translation>
    </message>
    <message>
        <source>Profile saved without a password: PoolScope asks for it when it connects.</source>
        <translation>配置已保存（不含密码）：PoolScope 会在连接时询问。</translation>
    </message>
    <message>
        <source>Enter the password of %1, or press Connect again to connect without one.</source>
        <translation>请输入 %1 的密码，或再次点击“连接”以不带密码连接。</translation>
    </message>
    <message>
        <source>Enter the password of %1 (it is not stored: the system keychain is not available: %2), or press Connect again to connect without one.</source>
        <translation>请输入 %1 的密码（不会保存：系统钥匙串不可用：%2），或再次点击“连接”以不带密码连接。</translation>
    </message>
    <message>
        <source>Profile &apos;%1&apos; deleted.</source>
        <translation>已删除配置“%1”。</translation>
    </message>
    <message>
        <source>Save these settings as the profile named Name (the password goes to the system keychain)</source>
        <translation>将这些设置保存为以“名称”命名的配置（密码保存到系统钥匙串）</translation>
    </message>
    <message>
        <source>Delete the chosen profile and its saved password</source>
        <translation>删除所选配置及其已保存的密码</translation>
    </message>
    <message>
        <source>Choose the SQLite database file</source>
        <translation>选择 SQLite 数据库文件</translation>
    </message>
</context>
<context>
    <name>poolscope::ConnectionProfile</name>
    <message>
        <source>PostgreSQL</source>
        <translation>PostgreSQL</translation>
    </message>
    <message>
        <source>MySQL / MariaDB</source>
        <translation>MySQL / MariaDB</translation>
    </message>
    <message>
        <source>SQLite</source>
        <translation>SQLite</translation>
    </message>
    <message>
        <source>Simulated server</source>
        <translation>模拟服务器</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a database PoolScope can open</source>
        <translation>PoolScope 无法打开“%1”类型的数据库</translation>
    </message>
</context>
<context>
    <name>poolscope::ConnectionTableModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>Leaked: held by %1 for %2%3</source>
        <translation>泄漏：被 %1 持有 %2%3</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>（未知）</translation>
    </message>
    <message>
        <source> (stack available)</source>
        <translation>（有调用栈）</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>Backend process id (PostgreSQL), thread id (MySQL), 0 when unknown</source>
        <translation>后端进程号（PostgreSQL）、线程号（MySQL），未知时为 0</translation>
    </message>
    <message>
        <source>id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>state</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>age</source>
        <translation>存活时长</translation>
    </message>
    <message>
        <source>time in state</source>
        <translation>当前状态时长</translation>
    </message>
    <message>
        <source>uses</source>
        <translation>使用次数</translation>
    </message>
    <message>
        <source>holder</source>
        <translation>持有者</translation>
    </message>
    <message>
        <source>server id</source>
        <translation>服务端 ID</translation>
    </message>
</context>
<context>
    <name>poolscope::ConnectionTester</name>
    <message>
        <source>Connected to %1 in %2 ms</source>
        <translation>已连接 %1，用时 %2 毫秒</translation>
    </message>
    <message>
        <source> (server session %1)</source>
        <translation>（服务端会话 %1）</translation>
    </message>
</context>
<context>
    <name>poolscope::ConnectionsPanel</name>
    <message>
        <source>Leaked only</source>
        <translation>仅显示泄漏</translation>
    </message>
    <message>
        <source>Show stack…</source>
        <translation>查看调用栈…</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>The acquiring thread&apos;s stack of the selected leaked connection</source>
        <translation>所选泄漏连接在获取时的线程调用栈</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Connection %1, held by %2.</source>
        <translation>连接 %1，持有者 %2。</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>（未知）</translation>
    </message>
    <message>
        <source>No stack was recorded for this connection.</source>
        <translation>此连接没有记录调用栈。</translation>
    </message>
    <message>
        <source>Acquired at (innermost first):</source>
        <translation>获取位置（最内层在前）：</translation>
    </message>
    <message>
        <source>Leaked connection</source>
        <translation>泄漏的连接</translation>
    </message>
    <message>
        <source>Held longer than leak_threshold_ms. Its stack, as the acquiring thread saw it:</source>
        <translation>持有时间超过 leak_threshold_ms。获取该连接的线程调用栈：</translation>
    </message>
    <message>
        <source>connections: %1, leaked: %2</source>
        <translation>连接：%1，泄漏：%2</translation>
    </message>
    <message>
        <source>connections: %1</source>
        <translation>连接：%1</translation>
    </message>
    <message>
        <source>This source does not report individual connections.</source>
        <translation>此数据源不报告单个连接。</translation>
    </message>
    <message>
        <source>connections: not reported</source>
        <translation>连接：未报告</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>One row per connection of the pool: id, state, age, time in state, uses, holder and server id; a leaked one is marked, Show stack opens its stack.</source>
        <translation>每行一个连接池中的连接：ID、状态、存活时长、当前状态时长、使用次数、持有者和服务端 ID；泄漏的连接会被标出，“查看调用栈”可打开其调用栈。</translation>
    </message>
    <message>
        <source>Show only the connections in this state</source>
        <translation>只显示处于此状态的连接</translation>
    </message>
    <message>
        <source>Stack of the leaked connection</source>
        <translation>泄漏连接的调用栈</translation>
    </message>
</context>
<context>
    <name>poolscope::EmbeddedSource</name>
    <message>
        <source>embedded %1</source>
        <translation>内嵌 %1</translation>
    </message>
</context>
<context>
    <name>poolscope::FleetModel</name>
    <message>
        <source>danger</source>
        <translation>危险</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>info</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>(no service)</source>
        <translation>（无服务）</translation>
    </message>
    <message>
        <source>(server not known)</source>
        <translation>（服务器未知）</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>连接池</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>实例</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Utilisation</source>
        <translation>利用率</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待</translation>
    </message>
    <message>
        <source>Wait P99</source>
        <translation>等待 P99</translation>
    </message>
    <message>
        <source>Timeouts</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Connect errors</source>
        <translation>连接错误</translation>
    </message>
    <message>
        <source>max_open</source>
        <translation>max_open</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>Connections in use against max_open</source>
        <translation>使用中的连接占 max_open 的比例</translation>
    </message>
    <message>
        <source>Acquire wait P99 over the last window; &quot;mean&quot; where the source reports only a count and a sum</source>
        <translation>最近窗口内获取等待的 P99；数据源只报告次数和总和时显示“平均”</translation>
    </message>
    <message>
        <source>Acquire timeouts in the last 5 minutes of data</source>
        <translation>数据最近 5 分钟内的获取超时</translation>
    </message>
    <message>
        <source>Failed connects in the last 5 minutes of data</source>
        <translation>数据最近 5 分钟内失败的连接</translation>
    </message>
    <message>
        <source>The pool&apos;s max_open; for a group, the sum against the server&apos;s max_connections</source>
        <translation>连接池的 max_open；分组时为总和与服务器 max_connections 的对比</translation>
    </message>
    <message numerus="yes">
        <source>Utilisation over the last %n refresh(es) (connections in use when max_open is not reported)</source>
        <translation>
            <numerusform>最近 %n 次刷新的利用率（未报告 max_open 时为使用中的连接数）</numerusform>
        </translation>
    </message>
    <message>
        <source>Mean wait per interval: this source reports only a count and a sum of waits</source>
        <translation>每个间隔的平均等待：此数据源只报告等待次数和总和</translation>
    </message>
    <message>
        <source>max_open is 0: the pool opens as many connections as callers ask for</source>
        <translation>max_open 为 0：调用方要多少连接，连接池就打开多少</translation>
    </message>
    <message>
        <source>%1 in use, unbounded</source>
        <translation>%1 使用中，无上限</translation>
    </message>
    <message>
        <source>%1 (mean)</source>
        <translation>%1（平均）</translation>
    </message>
    <message>
        <source>unbounded</source>
        <translation>无上限</translation>
    </message>
    <message>
        <source>At least one pool of this group is unbounded (max_open 0): together they can open more than the server&apos;s max_connections (%1)</source>
        <translation>此组至少有一个连接池无上限（max_open 为 0）：合起来可能打开超过服务器 max_connections（%1）的连接</translation>
    </message>
    <message>
        <source>Together these pools may open %1 connections; the server accepts %2</source>
        <translation>这些连接池合起来可能打开 %1 个连接；服务器只接受 %2 个</translation>
    </message>
    <message>
        <source>Together these pools may open %1 of the server&apos;s %2 connections</source>
        <translation>这些连接池合起来可能占用服务器 %2 个连接中的 %1 个</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n pool(s))</source>
        <translation>
            <numerusform>%1（%n 个连接池）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 in use</source>
        <translation>%1 使用中</translation>
    </message>
    <message>
        <source>worst %1</source>
        <translation>最差 %1</translation>
    </message>
    <message>
        <source>Σ unbounded</source>
        <translation>Σ 无上限</translation>
    </message>
    <message>
        <source>Σ %1</source>
        <translation>Σ %1</translation>
    </message>
    <message>
        <source>%1 / %2 max_connections</source>
        <translation>%1 / %2 max_connections</translation>
    </message>
    <message>
        <source>≥ %1</source>
        <translation>≥ %1</translation>
    </message>
    <message>
        <source>%1 of these %2 pools report max_open: together they may open at least %3 connections; the server accepts %4</source>
        <translation>这 %2 个连接池中有 %1 个报告了 max_open：它们合计至少可打开 %3 个连接；服务器接受 %4 个</translation>
    </message>
    <message>
        <source>Only %1 of these %2 pools report this figure: the sum is a lower bound</source>
        <translation>这 %2 个连接池中只有 %1 个报告了此指标：总和只是下限</translation>
    </message>
    <message>
        <source>Only %1 of these %2 pools report a wait P99: the worst may be worse</source>
        <translation>这 %2 个连接池中只有 %1 个报告了等待 P99：最差值可能更差</translation>
    </message>
</context>
<context>
    <name>poolscope::FleetPanel</name>
    <message>
        <source>Filter: pool, service, instance, server…</source>
        <translation>筛选：连接池、服务、实例、服务器…</translation>
    </message>
    <message>
        <source>Fleet filter</source>
        <translation>集群筛选</translation>
    </message>
    <message>
        <source>All grades</source>
        <translation>所有等级</translation>
    </message>
    <message>
        <source>Warning and worse</source>
        <translation>警告及以上</translation>
    </message>
    <message>
        <source>Danger only</source>
        <translation>仅危险</translation>
    </message>
    <message>
        <source>Lowest grade shown</source>
        <translation>显示的最低等级</translation>
    </message>
    <message>
        <source>No grouping</source>
        <translation>不分组</translation>
    </message>
    <message>
        <source>Group by service</source>
        <translation>按服务分组</translation>
    </message>
    <message>
        <source>Group by database server</source>
        <translation>按数据库服务器分组</translation>
    </message>
    <message>
        <source>Fleet grouping</source>
        <translation>集群分组</translation>
    </message>
    <message>
        <source>Fleet of pools</source>
        <translation>连接池集群</translation>
    </message>
    <message numerus="yes">
        <source>%n pool(s)</source>
        <translation>
            <numerusform>%n 个连接池</numerusform>
        </translation>
    </message>
    <message>
        <source> · %1 danger · %2 warning</source>
        <translation> · %1 危险 · %2 警告</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Group:</source>
        <translation>分组：</translation>
    </message>
</context>
<context>
    <name>poolscope::LintText</name>
    <message>
        <source>%1 is negative; use 0 to disable or a positive number of ms</source>
        <translation>%1 为负数；填 0 表示关闭，或填正的毫秒数</translation>
    </message>
    <message>
        <source>%1 is negative</source>
        <translation>%1 为负数</translation>
    </message>
    <message>
        <source>The pool needs a name.</source>
        <translation>连接池需要一个名称。</translation>
    </message>
    <message>
        <source>max_idle is above max_open; lower max_idle to at most max_open.</source>
        <translation>max_idle 大于 max_open；请把 max_idle 降到不超过 max_open。</translation>
    </message>
    <message>
        <source>min_idle is above max_idle: the housekeeper would open connections that release closes at once.</source>
        <translation>min_idle 大于 max_idle：维护线程补齐的连接会在归还时被立即关闭。</translation>
    </message>
    <message>
        <source>max_open=0 lets the pool open connections without limit; under load it can exhaust the database&apos;s max_connections.</source>
        <translation>max_open=0 表示连接池可以无限制地创建连接；高负载下可能耗尽数据库的 max_connections。</translation>
    </message>
    <message>
        <source>Connections live forever, so failovers, DNS changes and server-side timeouts leave stale connections; set it below the server&apos;s own timeouts.</source>
        <translation>连接永不过期：故障切换、DNS 变更和服务端超时都会留下陈旧连接；请设为小于服务端自身超时的值。</translation>
    </message>
    <message>
        <source>Connections held forever are not reported; set e.g. 60000.</source>
        <translation>被长期占用的连接不会被报告；建议设为 60000 等值。</translation>
    </message>
    <message>
        <source>An exhausted pool fails every acquire at once.</source>
        <translation>连接池耗尽时，每次获取都会立即失败。</translation>
    </message>
    <message>
        <source>No validation and no keepalive: after a database restart the pool hands out dead connections until each fails once.</source>
        <translation>既无校验也无保活：数据库重启后，连接池会把已失效的“假存活”连接借出，直到每个连接各失败一次。</translation>
    </message>
    <message>
        <source>keepalive_ms is not below max_lifetime_ms, so keepalive never runs.</source>
        <translation>keepalive_ms 不小于 max_lifetime_ms，保活永远不会执行。</translation>
    </message>
    <message>
        <source>max_idle_time_ms is above max_lifetime_ms, so it never applies.</source>
        <translation>max_idle_time_ms 大于 max_lifetime_ms，因此永远不会生效。</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>info</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>the server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>the %1 server</source>
        <translation>%1 服务器</translation>
    </message>
    <message>
        <source>%1 (%2 after %3 reserved)</source>
        <translation>%1（扣除 %3 个保留连接后为 %2）</translation>
    </message>
    <message>
        <source>pool &quot;%1&quot;: max_open=0 lets it open connections until %2&apos;s %3 is used up, starving every other client; set max_open to this service&apos;s share</source>
        <translation>连接池“%1”：max_open=0 使其可以不断打开连接，直到用尽%2的 %3，使其他所有客户端无连接可用；请将 max_open 设为本服务应得的份额</translation>
    </message>
    <message>
        <source>max_open summed over %1 pools (%2)</source>
        <translation>%1 个连接池的 max_open 之和（%2）</translation>
    </message>
    <message>
        <source>%1 is above %2&apos;s %3: when the pools fill up, connects fail with &quot;too many clients&quot;; lower max_open or raise max_connections</source>
        <translation>%1 高于%2的 %3：各连接池占满时，连接会以“too many clients”失败；请调小 max_open 或调大 max_connections</translation>
    </message>
    <message>
        <source>%1=0 (never)</source>
        <translation>%1=0（永不）</translation>
    </message>
    <message>
        <source>pool &quot;%1&quot;: %2 is not below %3&apos;s %4 (%5), so the pool can hand out sessions the server already closed; set it a few seconds below %4, or set keepalive_ms below it</source>
        <translation>连接池“%1”：%2 不低于%3的 %4（%5），因此连接池可能交出服务器已关闭的会话；请将其设为比 %4 少几秒，或将 keepalive_ms 设为低于它</translation>
    </message>
</context>
<context>
    <name>poolscope::MainMenus</name>
    <message>
        <source>&amp;Open recording…</source>
        <translation>打开录制(&amp;O)…</translation>
    </message>
    <message>
        <source>Replay a recorded session (.psrec) with play, seek and speed controls</source>
        <translation>回放录制的会话（.psrec），可播放、定位和调速</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New connection…</source>
        <translation>新建连接(&amp;N)…</translation>
    </message>
    <message>
        <source>Open a pool on PostgreSQL, MySQL, SQLite or the simulated server</source>
        <translation>在 PostgreSQL、MySQL、SQLite 或模拟服务器上打开连接池</translation>
    </message>
    <message>
        <source>&amp;Remove pool from session</source>
        <translation>从会话中移除连接池(&amp;R)</translation>
    </message>
    <message>
        <source>Stop the selected pool and its workload and remove it</source>
        <translation>停止所选连接池及其负载并将其移除</translation>
    </message>
    <message>
        <source>Export &amp;charts as PNG…</source>
        <translation>导出图表为 PNG(&amp;C)…</translation>
    </message>
    <message>
        <source>Connections chart…</source>
        <translation>连接数图表…</translation>
    </message>
    <message>
        <source>Acquire wait chart…</source>
        <translation>获取等待图表…</translation>
    </message>
    <message>
        <source>Rates chart…</source>
        <translation>速率图表…</translation>
    </message>
    <message>
        <source>Export &amp;timeline as CSV…</source>
        <translation>导出时间线为 CSV(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Export one chart</source>
        <translation>导出单个图表</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Freeze the views; samples keep arriving</source>
        <translation>冻结视图；采样仍在继续</translation>
    </message>
    <message>
        <source>&amp;Follow newest</source>
        <translation>跟随最新(&amp;F)</translation>
    </message>
    <message>
        <source>Resume and follow the newest sample</source>
        <translation>继续并跟随最新采样</translation>
    </message>
    <message>
        <source>Time &amp;window</source>
        <translation>时间窗口(&amp;W)</translation>
    </message>
    <message>
        <source>Time window of the charts</source>
        <translation>图表的时间窗口</translation>
    </message>
    <message>
        <source>P&amp;anels</source>
        <translation>面板(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>&amp;Pool</source>
        <translation>连接池(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Suspend</source>
        <translation>挂起(&amp;S)</translation>
    </message>
    <message>
        <source>Acquires wait until the pool is resumed</source>
        <translation>获取连接将等待，直到连接池恢复</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Evict idle connections</source>
        <translation>驱逐空闲连接(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Close (terminate)</source>
        <translation>关闭（终止）(&amp;C)</translation>
    </message>
    <message>
        <source>Close the pool for good: acquires fail at once</source>
        <translation>永久关闭连接池：获取连接立即失败</translation>
    </message>
    <message>
        <source>Start or restart &amp;workload</source>
        <translation>启动或重启负载(&amp;W)</translation>
    </message>
    <message>
        <source>S&amp;top workload</source>
        <translation>停止负载(&amp;T)</translation>
    </message>
    <message>
        <source>Restart simulated &amp;database</source>
        <translation>重启模拟数据库(&amp;D)</translation>
    </message>
    <message>
        <source>Every open connection silently breaks (fake alive)</source>
        <translation>所有已打开的连接悄然失效（假活）</translation>
    </message>
    <message>
        <source>&amp;Incident presets</source>
        <translation>故障场景预设(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About PoolScope</source>
        <translation>关于 PoolScope(&amp;A)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>The pool every panel shows</source>
        <translation>各面板显示的连接池</translation>
    </message>
    <message>
        <source>Connect…</source>
        <translation>连接…</translation>
    </message>
    <message>
        <source>Start workload</source>
        <translation>启动负载</translation>
    </message>
    <message>
        <source>Stop workload</source>
        <translation>停止负载</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>跟随</translation>
    </message>
    <message>
        <source> Pool: </source>
        <translation> 连接池：</translation>
    </message>
    <message>
        <source> Window: </source>
        <translation> 窗口：</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>&amp;Record session…</source>
        <translation>录制会话(&amp;R)…</translation>
    </message>
    <message>
        <source>Record everything the session shows to a .psrec file; again to stop</source>
        <translation>将会话显示的全部内容录制到 .psrec 文件；再按一次停止</translation>
    </message>
    <message>
        <source>Save last 15 &amp;minutes…</source>
        <translation>保存最近 15 分钟(&amp;M)…</translation>
    </message>
    <message>
        <source>Save what the flight recorder kept of the last 15 minutes to a .psrec file</source>
        <translation>将飞行记录器保留的最近 15 分钟保存到 .psrec 文件</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>录制</translation>
    </message>
    <message>
        <source>H&amp;ealth</source>
        <translation>健康(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Thresholds…</source>
        <translation>阈值(&amp;T)…</translation>
    </message>
    <message>
        <source>Edit the health thresholds; apply them now or save them for the next start</source>
        <translation>编辑健康阈值：立即应用，或保存供下次启动使用</translation>
    </message>
    <message>
        <source>&amp;Attach to endpoint…</source>
        <translation>连接到端点(&amp;A)…</translation>
    </message>
    <message>
        <source>Show the pools of another process that serves a PoolScope endpoint</source>
        <translation>显示另一个提供 PoolScope 端点的进程中的连接池</translation>
    </message>
</context>
<context>
    <name>poolscope::MainWindow</name>
    <message>
        <source>Replay</source>
        <translation>回放</translation>
    </message>
    <message>
        <source>Open recording</source>
        <translation>打开录制</translation>
    </message>
    <message>
        <source>PoolScope recordings (*.psrec);;All files (*)</source>
        <translation>PoolScope 录制 (*.psrec);;所有文件 (*)</translation>
    </message>
    <message>
        <source>PoolScope</source>
        <translation>PoolScope</translation>
    </message>
    <message>
        <source>State machine</source>
        <translation>状态机</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>负载</translation>
    </message>
    <message>
        <source>Pool settings</source>
        <translation>连接池配置</translation>
    </message>
    <message>
        <source>Pools</source>
        <translation>连接池</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>About PoolScope</source>
        <translation>关于 PoolScope</translation>
    </message>
    <message>
        <source>&lt;b&gt;PoolScope&lt;/b&gt; %1&lt;br&gt;A workstation for database connection pools.&lt;br&gt;Qt %2</source>
        <translation>&lt;b&gt;PoolScope&lt;/b&gt; %1&lt;br&gt;数据库连接池工作台。&lt;br&gt;Qt %2</translation>
    </message>
    <message>
        <source>%1 – PoolScope</source>
        <translation>%1 – PoolScope</translation>
    </message>
    <message>
        <source>Pool %1 failed: %2</source>
        <translation>连接池 %1 失败：%2</translation>
    </message>
    <message>
        <source>Cannot open pool %1</source>
        <translation>无法打开连接池 %1</translation>
    </message>
    <message>
        <source>Opened a simulated database that restarts every 10 s.</source>
        <translation>已打开一个每 10 秒重启一次的模拟数据库。</translation>
    </message>
    <message>
        <source>Preset: %1. %2</source>
        <translation>预设：%1。%2</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Export timeline</source>
        <translation>导出时间线</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The new language takes effect when PoolScope starts again. Restart now?</source>
        <translation>新语言将在 PoolScope 重新启动后生效。现在重启吗？</translation>
    </message>
    <message>
        <source>PoolScope recordings (*.psrec)</source>
        <translation>PoolScope 录制文件 (*.psrec)</translation>
    </message>
    <message>
        <source>Record session</source>
        <translation>录制会话</translation>
    </message>
    <message>
        <source>Stop &amp;recording</source>
        <translation>停止录制(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Record session…</source>
        <translation>录制会话(&amp;R)…</translation>
    </message>
    <message>
        <source>Recorded the session to %1</source>
        <translation>会话已录制到 %1</translation>
    </message>
    <message>
        <source>Save last 15 minutes</source>
        <translation>保存最近 15 分钟</translation>
    </message>
    <message>
        <source>Saving the last 15 minutes to %1…</source>
        <translation>正在将最近 15 分钟保存到 %1…</translation>
    </message>
    <message>
        <source>Saved the last 15 minutes to %1</source>
        <translation>最近 15 分钟已保存到 %1</translation>
    </message>
    <message>
        <source>Cannot save the last 15 minutes: %1</source>
        <translation>无法保存最近 15 分钟：%1</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Alerts (%1)</source>
        <translation>告警（%1）</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1（%2）：%3</translation>
    </message>
    <message>
        <source>No active alerts</source>
        <translation>没有活动告警</translation>
    </message>
    <message>
        <source>Health thresholds applied</source>
        <translation>健康阈值已应用</translation>
    </message>
    <message>
        <source>%1 is stale (showing the last data): %2</source>
        <translation>%1 数据已过期（显示最后一次数据）：%2</translation>
    </message>
    <message>
        <source>This source cannot change the pool (a recording, or a pool PoolScope does not run)</source>
        <translation>此数据源无法更改连接池（录制回放，或不由 PoolScope 运行的连接池）</translation>
    </message>
    <message>
        <source>Rules off (inputs not reported by this source):</source>
        <translation>已关闭的规则（此数据源未报告其输入）：</translation>
    </message>
    <message>
        <source>Rules off for this pool (its source does not report their inputs):</source>
        <translation>此连接池已关闭的规则（其数据源未报告所需输入）：</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n rule(s) off</source>
        <translation>
            <numerusform>%1，%n 条规则已关闭</numerusform>
        </translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Fleet</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>Reading the history of %1…</source>
        <translation>正在读取 %1 的历史…</translation>
    </message>
    <message>
        <source>Charts and fleet</source>
        <translation>图表与集群</translation>
    </message>
    <message>
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <source>Pools of this session</source>
        <translation>本会话的连接池</translation>
    </message>
</context>
<context>
    <name>poolscope::PasswordVault</name>
    <message>
        <source>PoolScope was built without QtKeychain</source>
        <translation>PoolScope 构建时未包含 QtKeychain</translation>
    </message>
    <message>
        <source>no keychain service (Secret Service, KWallet) answered</source>
        <translation>没有钥匙串服务（Secret Service、KWallet）响应</translation>
    </message>
    <message>
        <source>no keychain service answered: %1</source>
        <translation>钥匙串服务无响应：%1</translation>
    </message>
</context>
<context>
    <name>poolscope::PoolListModel</name>
    <message>
        <source>connecting…</source>
        <translation>连接中…</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>%1 · %2/%3 in use</source>
        <translation>%1 · 使用中 %2/%3</translation>
    </message>
    <message>
        <source> · %1 waiting</source>
        <translation> · 等待 %1</translation>
    </message>
    <message>
        <source>Health: %1</source>
        <translation>健康：%1</translation>
    </message>
    <message>
        <source>stale since %1</source>
        <translation>自 %1 起过期</translation>
    </message>
    <message>
        <source>Not reported by this source: %1</source>
        <translation>此数据源未报告：%1</translation>
    </message>
</context>
<context>
    <name>poolscope::PoolSettingsPanel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>The pool&apos;s name in snapshots and messages (fixed).</source>
        <translation>连接池在快照和消息中的名称（不可修改）。</translation>
    </message>
    <message>
        <source>Max open</source>
        <translation>最大连接数</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>无限制</translation>
    </message>
    <message>
        <source>Hard limit on open connections; 0 = unlimited.</source>
        <translation>打开连接数的硬上限；0 表示无限制。</translation>
    </message>
    <message>
        <source>Max idle</source>
        <translation>最大空闲数</translation>
    </message>
    <message>
        <source>Idle connections kept when released.</source>
        <translation>归还时保留的空闲连接数。</translation>
    </message>
    <message>
        <source>Min idle</source>
        <translation>最小空闲数</translation>
    </message>
    <message>
        <source>Idle connections the housekeeper keeps open.</source>
        <translation>维护线程保持打开的空闲连接数。</translation>
    </message>
    <message>
        <source>Max lifetime</source>
        <translation>最大存活时长</translation>
    </message>
    <message>
        <source>forever</source>
        <translation>永久</translation>
    </message>
    <message>
        <source>Connections older than this are closed.</source>
        <translation>存活超过此时长的连接将被关闭。</translation>
    </message>
    <message>
        <source>Max idle time</source>
        <translation>最大空闲时长</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Idle connections unused this long are closed, keeping min idle.</source>
        <translation>空闲超过此时长的连接将被关闭（保留最小空闲数）。</translation>
    </message>
    <message>
        <source>Acquire timeout</source>
        <translation>获取超时</translation>
    </message>
    <message>
        <source>fail at once</source>
        <translation>立即失败</translation>
    </message>
    <message>
        <source>How long acquire waits in the queue.</source>
        <translation>获取连接时在等待队列中的最长等待时间。</translation>
    </message>
    <message>
        <source>on every borrow</source>
        <translation>每次借出时</translation>
    </message>
    <message>
        <source>when idle longer than</source>
        <translation>空闲超过</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>Validate</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>When a connection is checked before it is handed out.</source>
        <translation>借出连接前何时进行校验。</translation>
    </message>
    <message>
        <source>Validation timeout</source>
        <translation>校验超时</translation>
    </message>
    <message>
        <source>Deadline of one validation.</source>
        <translation>单次校验的截止时间。</translation>
    </message>
    <message>
        <source>Keepalive</source>
        <translation>保活</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The housekeeper validates idle connections this often.</source>
        <translation>维护线程按此间隔校验空闲连接。</translation>
    </message>
    <message>
        <source>Leak threshold</source>
        <translation>泄漏阈值</translation>
    </message>
    <message>
        <source>Connections held longer than this are reported as leaked, with a stack.</source>
        <translation>持有超过此时长的连接将作为泄漏报告，并附调用栈。</translation>
    </message>
    <message>
        <source>Housekeeping period</source>
        <translation>维护周期</translation>
    </message>
    <message>
        <source>Period of the housekeeper.</source>
        <translation>维护线程的运行周期。</translation>
    </message>
    <message>
        <source>This source&apos;s settings cannot be changed from here.</source>
        <translation>此数据源的配置无法在这里修改。</translation>
    </message>
    <message>
        <source>Not applied: fix the errors marked above.</source>
        <translation>未应用：请先修正上面标出的错误。</translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation>正在应用…</translation>
    </message>
    <message>
        <source>Applied to the running pool.</source>
        <translation>已应用到运行中的连接池。</translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation>未应用：%1</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>未报告</translation>
    </message>
    <message>
        <source>Validate when idle longer than</source>
        <translation>空闲超过此时长时校验</translation>
    </message>
    <message>
        <source>Pool settings</source>
        <translation>连接池配置</translation>
    </message>
</context>
<context>
    <name>poolscope::RemoteSource</name>
    <message>
        <source>attached %1</source>
        <translation>已连接 %1</translation>
    </message>
</context>
<context>
    <name>poolscope::ReplayBar</name>
    <message>
        <source>max</source>
        <translation>最快</translation>
    </message>
    <message>
        <source>Playback speed (times real time; max: as fast as possible)</source>
        <translation>回放速度（实时的倍数；最快：尽可能快）</translation>
    </message>
    <message>
        <source>Next alert</source>
        <translation>下一个告警</translation>
    </message>
    <message>
        <source>Jump to the next alert change</source>
        <translation>跳到下一次告警变化</translation>
    </message>
    <message>
        <source>Mark A</source>
        <translation>标记 A</translation>
    </message>
    <message>
        <source>Set the loop start at the current position</source>
        <translation>将循环起点设为当前位置</translation>
    </message>
    <message>
        <source>Mark B</source>
        <translation>标记 B</translation>
    </message>
    <message>
        <source>Set the loop end at the current position</source>
        <translation>将循环终点设为当前位置</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>循环</translation>
    </message>
    <message>
        <source>Play between mark A and mark B over and over (shift-drag the scrubber to set both)</source>
        <translation>在标记 A 与标记 B 之间反复播放（在进度条上按住 Shift 拖动可同时设置两者）</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Pause the replay</source>
        <translation>暂停回放</translation>
    </message>
    <message>
        <source>Play the replay</source>
        <translation>播放回放</translation>
    </message>
    <message>
        <source>A %1</source>
        <translation>A %1</translation>
    </message>
    <message>
        <source>B %1</source>
        <translation>B %1</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Replay position: time, offset and length of the recording</source>
        <translation>回放位置：时间、偏移量和录制时长</translation>
    </message>
</context>
<context>
    <name>poolscope::ReplayScrubber</name>
    <message>
        <source>Click or drag to seek; shift-drag to select a loop range</source>
        <translation>单击或拖动以定位；按住 Shift 拖动以选择循环区间</translation>
    </message>
    <message>
        <source>Replay position</source>
        <translation>回放位置</translation>
    </message>
    <message>
        <source>Left and Right step a hundredth of the recording, Page Up and Page Down a tenth, Home and End go to its start and end; shift-drag with the mouse to select a loop range</source>
        <translation>左右方向键按录制时长的百分之一步进，Page Up 和 Page Down 按十分之一步进，Home 和 End 跳到开头和结尾；按住 Shift 用鼠标拖动可选择循环区间</translation>
    </message>
    <message>
        <source>no recording</source>
        <translation>无录制</translation>
    </message>
    <message>
        <source>%1, %2 of %3</source>
        <translation>%1，%2 / %3</translation>
    </message>
</context>
<context>
    <name>poolscope::ReplaySource</name>
    <message>
        <source>replay %1</source>
        <translation>回放 %1</translation>
    </message>
    <message>
        <source>%1 holds no snapshot to replay</source>
        <translation>%1 中没有可回放的快照</translation>
    </message>
    <message>
        <source>%1: a snapshot of %2 at %3 cannot be read: %4</source>
        <translation>%1：%2 在 %3 的快照无法读取：%4</translation>
    </message>
</context>
<context>
    <name>poolscope::SessionRecorder</name>
    <message>
        <source>Already recording to %1</source>
        <translation>已在录制到 %1</translation>
    </message>
    <message>
        <source>No file name given for the recording</source>
        <translation>未指定录制文件名</translation>
    </message>
    <message>
        <source>Recording to %1 stopped: %2. The file keeps what was written before.</source>
        <translation>录制到 %1 已停止：%2。文件保留了此前已写入的内容。</translation>
    </message>
</context>
<context>
    <name>poolscope::Source</name>
    <message>
        <source>not supported by this source</source>
        <translation>此数据源不支持该操作</translation>
    </message>
</context>
<context>
    <name>poolscope::SourceManager</name>
    <message>
        <source>no pool named &apos;%1&apos;</source>
        <translation>没有名为“%1”的连接池</translation>
    </message>
    <message>
        <source>not supported by this source</source>
        <translation>此数据源不支持该操作</translation>
    </message>
</context>
<context>
    <name>poolscope::StateMachineView</name>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Evict idle</source>
        <translation>驱逐空闲</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Suspend the pool: acquire waits until it is resumed</source>
        <translation>挂起连接池：获取连接将等待直到恢复</translation>
    </message>
    <message>
        <source>Resume a suspended pool</source>
        <translation>恢复已挂起的连接池</translation>
    </message>
    <message>
        <source>Close every idle connection now</source>
        <translation>立即关闭所有空闲连接</translation>
    </message>
    <message>
        <source>Close the pool: every connection is closed, acquire fails</source>
        <translation>关闭连接池：关闭所有连接，获取连接将失败</translation>
    </message>
    <message>
        <source>Show the connections in %1</source>
        <translation>显示处于 %1 状态的连接</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>%1 total</source>
        <translation>共 %1</translation>
    </message>
    <message>
        <source>pool %1</source>
        <translation>连接池 %1</translation>
    </message>
    <message>
        <source>no pool yet</source>
        <translation>尚无连接池</translation>
    </message>
    <message>
        <source>  ·  %1 waiting</source>
        <translation>  ·  等待 %1</translation>
    </message>
    <message>
        <source>illegal transitions refused: %1</source>
        <translation>已拒绝的非法状态转换：%1</translation>
    </message>
    <message>
        <source>illegal</source>
        <translation>非法</translation>
    </message>
    <message>
        <source>This source does not report how many connections are in %1.</source>
        <translation>此数据源不报告处于 %1 的连接数。</translation>
    </message>
    <message>
        <source>This source does not report transitions: the %1 → %2 count is unknown.</source>
        <translation>此数据源不报告状态转换：%1 → %2 的次数未知。</translation>
    </message>
    <message>
        <source>  ·  waiting: not reported by this source</source>
        <translation>  ·  等待：此数据源未报告</translation>
    </message>
    <message>
        <source>transitions: not reported by this source</source>
        <translation>状态转换：此数据源未报告</translation>
    </message>
    <message>
        <source>pool state: not reported by this source</source>
        <translation>连接池状态：此数据源未报告</translation>
    </message>
    <message>
        <source>Enter shows the connections in this state</source>
        <translation>按 Enter 显示处于此状态的连接</translation>
    </message>
    <message>
        <source>Connection state machine</source>
        <translation>连接状态机</translation>
    </message>
    <message>
        <source>The pool&apos;s connections in each state and the transitions between them, with rates. Arrow keys move between the states and the transitions, Enter shows the connections in a state, Escape clears that filter; the lifecycle buttons follow.</source>
        <translation>连接池中各状态的连接数及其间的状态转换和速率。方向键在状态和状态转换之间移动，Enter 显示处于某状态的连接，Esc 清除该筛选；其后是生命周期按钮。</translation>
    </message>
    <message>
        <source>%1: no data yet</source>
        <translation>%1：尚无数据</translation>
    </message>
    <message>
        <source>%1: not reported by this source</source>
        <translation>%1：此数据源未报告</translation>
    </message>
    <message>
        <source>%1: %2 in total</source>
        <translation>%1：共 %2</translation>
    </message>
    <message>
        <source>%1: 1 connection</source>
        <translation>%1：1 个连接</translation>
    </message>
    <message>
        <source>%1: %2 connections</source>
        <translation>%1：%2 个连接</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>%1: %2, %3 in total</source>
        <translation>%1：%2，共 %3</translation>
    </message>
    <message>
        <source>pool state: %1</source>
        <translation>连接池状态：%1</translation>
    </message>
    <message>
        <source>Written before new connections were counted: the %1 → %2 count is unknown.</source>
        <translation>写于开始统计新建连接之前：%1 → %2 的次数未知。</translation>
    </message>
</context>
<context>
    <name>poolscope::StateNames</name>
    <message>
        <source>IDLE</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>ALLOCATING</source>
        <translation>分配中</translation>
    </message>
    <message>
        <source>IN_USE</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>RETURNING</source>
        <translation>归还中</translation>
    </message>
    <message>
        <source>DESTROYED</source>
        <translation>已销毁</translation>
    </message>
    <message>
        <source>INITIAL</source>
        <translation>初始</translation>
    </message>
    <message>
        <source>STARTED</source>
        <translation>已启动</translation>
    </message>
    <message>
        <source>SUSPENDED</source>
        <translation>已挂起</translation>
    </message>
    <message>
        <source>TERMINATED</source>
        <translation>已终止</translation>
    </message>
</context>
<context>
    <name>poolscope::StatusBar</name>
    <message>
        <source>Source: %1</source>
        <translation>数据源：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Health: –</source>
        <translation>健康度：–</translation>
    </message>
    <message>
        <source>Health: %1</source>
        <translation>健康度：%1</translation>
    </message>
    <message>
        <source>Events dropped: %1</source>
        <translation>丢弃事件：%1</translation>
    </message>
    <message>
        <source>Transition events the pool&apos;s ring dropped because the viewer fell behind; counts and charts stay exact.</source>
        <translation>由于查看器处理不及，连接池环形缓冲区丢弃的状态转换事件数；计数和图表仍然精确。</translation>
    </message>
    <message>
        <source>⏸ Paused</source>
        <translation>⏸ 已暂停</translation>
    </message>
    <message>
        <source>REC %1 (%2)</source>
        <translation>录制中 %1（%2）</translation>
    </message>
    <message>
        <source>Recording the session to %1</source>
        <translation>正在将会话录制到 %1</translation>
    </message>
    <message>
        <source>No pool has reported yet.</source>
        <translation>尚无连接池上报数据。</translation>
    </message>
    <message>
        <source>Events dropped: not reported</source>
        <translation>丢弃的事件：未报告</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
</context>
<context>
    <name>poolscope::ThresholdsDialog</name>
    <message>
        <source>%1, %2: a value is needed</source>
        <translation>%1，%2：需要填写一个值</translation>
    </message>
    <message>
        <source>%1, %2: &apos;%3&apos; is not a number</source>
        <translation>%1，%2：“%3”不是数字</translation>
    </message>
    <message>
        <source>Health thresholds</source>
        <translation>健康阈值</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Danger</source>
        <translation>危险</translation>
    </message>
    <message>
        <source>Hold (ms)</source>
        <translation>持续（毫秒）</translation>
    </message>
    <message>
        <source>Clear after (ms)</source>
        <translation>解除等待（毫秒）</translation>
    </message>
    <message>
        <source>Clear ratio</source>
        <translation>解除比例</translation>
    </message>
    <message>
        <source>Window (ms)</source>
        <translation>窗口（毫秒）</translation>
    </message>
    <message>
        <source>Unit: %1</source>
        <translation>单位：%1</translation>
    </message>
    <message>
        <source>A grade fires when the rule&apos;s value reaches its threshold for the hold time; it clears after staying below threshold × clear ratio for the clear time. Leave a grade empty to never raise it.</source>
        <translation>规则的数值达到阈值并持续“持续”时间后，该级别触发；低于“阈值 × 解除比例”并持续“解除等待”时间后解除。某个级别留空则永不触发。</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>加载…</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Load thresholds</source>
        <translation>加载阈值</translation>
    </message>
    <message>
        <source>Thresholds (*.json)</source>
        <translation>阈值文件 (*.json)</translation>
    </message>
    <message>
        <source>Save thresholds</source>
        <translation>保存阈值</translation>
    </message>
    <message>
        <source>This rule looks at each snapshot, not a window</source>
        <translation>此规则逐个快照判断，不使用时间窗口</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Health rules</source>
        <translation>健康规则</translation>
    </message>
    <message>
        <source>One row per health rule: whether it is on, its info, warning and danger thresholds, hold and clear times, clear ratio and window</source>
        <translation>每行一条健康规则：是否启用，提示、警告和危险阈值，持续与解除时间，解除比例和窗口</translation>
    </message>
</context>
<context>
    <name>poolscope::TimeSeriesChart</name>
    <message>
        <source>open</source>
        <translation>已打开</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待</translation>
    </message>
    <message>
        <source>max_open</source>
        <translation>最大连接数</translation>
    </message>
    <message>
        <source>P50</source>
        <translation>P50</translation>
    </message>
    <message>
        <source>P95</source>
        <translation>P95</translation>
    </message>
    <message>
        <source>P99</source>
        <translation>P99</translation>
    </message>
    <message>
        <source>acquires</source>
        <translation>获取</translation>
    </message>
    <message>
        <source>created</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>destroyed</source>
        <translation>销毁</translation>
    </message>
    <message>
        <source>timeouts</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>连接数</translation>
    </message>
    <message>
        <source>connections</source>
        <translation>连接数</translation>
    </message>
    <message>
        <source>Acquire wait</source>
        <translation>获取等待</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>Rates</source>
        <translation>速率</translation>
    </message>
    <message>
        <source>per second</source>
        <translation>每秒</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>mean wait</source>
        <translation>平均等待</translation>
    </message>
    <message>
        <source>Acquire wait (quantiles from histogram buckets)</source>
        <translation>获取等待（由直方图桶计算的分位数）</translation>
    </message>
    <message>
        <source>Acquire wait (the source&apos;s summary quantiles)</source>
        <translation>获取等待（数据源的摘要分位数）</translation>
    </message>
    <message>
        <source>Acquire wait (mean per interval: the source has no quantiles)</source>
        <translation>获取等待（每个区间的平均值：数据源没有分位数）</translation>
    </message>
    <message>
        <source>not reported by this source: %1</source>
        <translation>此数据源未报告：%1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>未报告</translation>
    </message>
    <message>
        <source>Lines: %1.</source>
        <translation>曲线：%1。</translation>
    </message>
    <message>
        <source>Lines in %1: %2.</source>
        <translation>曲线（%1）：%2。</translation>
    </message>
    <message>
        <source>No samples yet.</source>
        <translation>尚无样本。</translation>
    </message>
    <message>
        <source>At %1: %2.</source>
        <translation>%1 时：%2。</translation>
    </message>
</context>
<context>
    <name>poolscope::WorkloadPanel</name>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>Hold inside a transaction (BEGIN … COMMIT)</source>
        <translation>在事务中持有（BEGIN … COMMIT）</translation>
    </message>
    <message>
        <source>New pool per request (anti-pattern)</source>
        <translation>每个请求新建连接池（反模式）</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Run preset</source>
        <translation>运行预设</translation>
    </message>
    <message>
        <source>Restart database</source>
        <translation>重启数据库</translation>
    </message>
    <message>
        <source>The statement each request runs once</source>
        <translation>每个请求执行一次的语句</translation>
    </message>
    <message>
        <source>Start the workload, or restart it with these settings (F5)</source>
        <translation>启动负载，或按这些设置重启负载（F5）</translation>
    </message>
    <message>
        <source>Stop the workload (Shift+F5)</source>
        <translation>停止负载（Shift+F5）</translation>
    </message>
    <message>
        <source>Restart the simulated database server now: every open connection silently breaks (fake alive)</source>
        <translation>立即重启模拟数据库服务器：所有已打开的连接悄然失效（假活）</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>工作线程</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>持有时长</translation>
    </message>
    <message>
        <source>Think</source>
        <translation>思考时长</translation>
    </message>
    <message>
        <source>Leak</source>
        <translation>泄漏比例</translation>
    </message>
    <message>
        <source>Incident:</source>
        <translation>故障场景：</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>重启</translation>
    </message>
    <message>
        <source>Running.</source>
        <translation>运行中。</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>Requests OK: %1, failed: %2, leaked: %3.</source>
        <translation>请求成功：%1，失败：%2，泄漏：%3。</translation>
    </message>
    <message>
        <source>Database restarts: %1.</source>
        <translation>数据库重启次数：%1。</translation>
    </message>
    <message>
        <source>Most frequent error: %1</source>
        <translation>最常见的错误：%1</translation>
    </message>
    <message>
        <source>An incident to reproduce: Run preset sets the pool and the workload for it</source>
        <translation>要重现的故障场景：“运行预设”会为其设置连接池和负载</translation>
    </message>
</context>
<context>
    <name>poolscope::WorkloadPresets</name>
    <message>
        <source>Unbounded pool (max_open=0)</source>
        <translation>无上限连接池（max_open=0）</translation>
    </message>
    <message>
        <source>64 workers each hold a connection for 50 ms and the pool has no limit: open connections climb to the number of workers.</source>
        <translation>64 个工作线程各持有连接 50 毫秒，且连接池没有上限：打开的连接数一路涨到工作线程数。</translation>
    </message>
    <message>
        <source>Leaking handler</source>
        <translation>泄漏连接的处理函数</translation>
    </message>
    <message>
        <source>8 workers; 5 % of requests never release their connection. Leak reports appear after 1 s, the pool drains, then acquires time out.</source>
        <translation>8 个工作线程；5% 的请求从不归还连接。1 秒后出现泄漏报告，连接池逐渐耗尽，随后获取连接超时。</translation>
    </message>
    <message>
        <source>Database restart (fake alive)</source>
        <translation>数据库重启（假活）</translation>
    </message>
    <message>
        <source>The database restarts; idle connections look alive but are dead. Without validation the workload sees errors; set Validate to &quot;on every borrow&quot; and they disappear.</source>
        <translation>数据库重启后，空闲连接看似存活实则已失效（假存活）。不做校验时负载会看到错误；把“校验”设为“每次借出时”后错误消失。</translation>
    </message>
    <message>
        <source>Wait storm</source>
        <translation>等待风暴</translation>
    </message>
    <message>
        <source>32 workers on 8 connections: a queue builds up and the P99 wait explodes while every connection is busy.</source>
        <translation>32 个工作线程争抢 8 个连接：等待队列不断积压，所有连接都在使用中，P99 等待时间暴涨。</translation>
    </message>
</context>
</TS>
