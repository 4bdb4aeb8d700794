//! The real processes of one check: application servers, nginx in front of them (with the
//! configuration `realworld::nginx_conf` prints) and Redis when the setup has a store (with the
//! redis.conf `realworld::redis_file` prints). Everything
//! listens on 127.0.0.1 on ports picked here; every process is recorded by its pid (a file under
//! `WORK/pids/`, so the calling script can stop what a crashed driver left behind) and stopped by that
//! pid; every wait is bounded in time.

use crate::model::{Config, Strategy};
use crate::realworld::{nginx_conf, redis_file, Addresses, Lang, RedisFile};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Longest wait for a process to start listening or to exit.
const START_TIMEOUT: Duration = Duration::from_secs(10);
const STOP_TIMEOUT: Duration = Duration::from_secs(5);
/// How often a bounded wait looks again.
const POLL: Duration = Duration::from_millis(10);

/// The programs and the scratch directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tools {
    pub app: PathBuf,
    pub nginx: PathBuf,
    pub redis: PathBuf,
    /// Scratch directory: one subdirectory per run, and `pids/`.
    pub work: PathBuf,
}

/// Poll `done` until it holds or `timeout` has passed.
pub fn wait_until(
    timeout: Duration,
    what: &str,
    mut done: impl FnMut() -> bool,
) -> Result<(), String> {
    let deadline = Instant::now() + timeout;
    loop {
        if done() {
            return Ok(());
        }
        if Instant::now() >= deadline {
            return Err(format!("gave up after {timeout:?} waiting for {what}"));
        }
        std::thread::sleep(POLL);
    }
}

/// A free port on 127.0.0.1 below the kernel's ephemeral range. Not the kernel's own pick: while a
/// server (Redis) is down, its clients keep connecting to its port, and a port from the ephemeral range
/// can be taken meanwhile by one of those very connections (a TCP self-connect), so the server could
/// not listen on it again.
pub fn free_port() -> Result<u16, String> {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let ephemeral_low = std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|t| t.split_whitespace().next()?.parse::<u32>().ok())
        .unwrap_or(32_768);
    let (low, high) = (10_000u32, ephemeral_low.max(10_001));
    let span = high - low;
    // Start somewhere that depends on this process, so two checks at once rarely probe the same ports.
    let start = std::process::id().wrapping_mul(7_919) % span;
    for _ in 0..span {
        let port = low + (start + NEXT.fetch_add(1, Ordering::Relaxed)) % span;
        let Ok(port) = u16::try_from(port) else {
            continue;
        };
        if TcpListener::bind((Ipv4Addr::LOCALHOST, port)).is_ok() {
            return Ok(port);
        }
    }
    Err(format!(
        "no free port on 127.0.0.1 between {low} and {high}"
    ))
}

/// The child processes of `pid` (nginx's workers, for its master), from Linux's /proc.
fn children(pid: u32) -> Vec<u32> {
    std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|p| p.parse().ok())
        .collect()
}

fn listening(port: u16) -> bool {
    TcpStream::connect_timeout(&(Ipv4Addr::LOCALHOST, port).into(), POLL).is_ok()
}

/// One started process, stopped by its pid when dropped.
pub struct Proc {
    name: String,
    child: Child,
    pidfile: PathBuf,
    /// Stop with SIGTERM first (nginx's master stops its workers on TERM; SIGKILL would orphan them).
    graceful: bool,
}

impl Proc {
    pub fn spawn(
        name: &str,
        command: &mut Command,
        tools: &Tools,
        graceful: bool,
    ) -> Result<Proc, String> {
        let logs = tools.work.join("logs");
        let pids = tools.work.join("pids");
        for dir in [&logs, &pids] {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let log = std::fs::File::create(logs.join(format!("{name}.log")))
            .map_err(|e| format!("cannot create the log of {name}: {e}"))?;
        let err = log
            .try_clone()
            .map_err(|e| format!("cannot share the log of {name}: {e}"))?;
        let child = command
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(err)
            .spawn()
            .map_err(|e| format!("cannot start {name} ({:?}): {e}", command.get_program()))?;
        let pidfile = pids.join(format!("{name}.pid"));
        // Best effort: the pid file only helps the script clean up after a driver that crashed.
        let _ = std::fs::write(&pidfile, format!("{}\n", child.id()));
        Ok(Proc {
            name: name.to_string(),
            child,
            pidfile,
            graceful,
        })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Kill it now (SIGKILL by pid): the crash of the timeline.
    pub fn kill(&mut self) {
        if self.running() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.pidfile);
    }

    /// Send it a signal by pid (`STOP`, `CONT`, ...).
    pub fn signal(&self, signal: &str) -> Result<(), String> {
        let status = Command::new("kill")
            .args([&format!("-{signal}"), &self.pid().to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|e| format!("kill -{signal} {}: {e}", self.name))?;
        status
            .success()
            .then_some(())
            .ok_or_else(|| format!("kill -{signal} {} failed: {status}", self.name))
    }

    /// Stop it: SIGTERM by pid for graceful processes, then SIGKILL if it is still there.
    pub fn stop(&mut self) {
        if self.graceful && self.running() {
            let _ = Command::new("kill")
                .args(["-TERM", &self.pid().to_string()])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
            let _ = wait_until(STOP_TIMEOUT, &format!("{} to stop", self.name), || {
                !self.running()
            });
        }
        self.kill();
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The real setup of one run: application servers, nginx in front, Redis for the store strategy.
pub struct Fleet {
    tools: Tools,
    dir: PathBuf,
    config: Config,
    /// Dropped in this order: nginx, the servers, the store.
    nginx: Option<Proc>,
    nginx_port: u16,
    apps: Vec<Option<Proc>>,
    app_ports: Vec<u16>,
    redis: Option<Proc>,
    redis_port: u16,
}

impl Fleet {
    /// Start the setup `config` describes (servers, balancer, strategy); `name` names its directory.
    pub fn start(tools: &Tools, name: &str, config: &Config) -> Result<Fleet, String> {
        let dir = tools.work.join(name);
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let mut fleet = Fleet {
            tools: tools.clone(),
            dir,
            config: config.clone(),
            nginx: None,
            nginx_port: free_port()?,
            apps: Vec::new(),
            app_ports: Vec::new(),
            redis: None,
            redis_port: 0,
        };
        if config.strategy == Strategy::Store {
            fleet.redis_port = free_port()?;
            fleet.start_redis()?;
        }
        for _ in 0..config.servers {
            fleet.start_app()?;
        }
        fleet.write_nginx_conf()?;
        let conf = fleet.dir.join("nginx.conf");
        let mut command = Command::new(&tools.nginx);
        command
            .arg("-p")
            .arg(&fleet.dir)
            .arg("-c")
            .arg(&conf)
            .arg("-e")
            .arg(fleet.dir.join("startup.log"))
            .args(["-g", "daemon off;"]);
        let mut nginx = Proc::spawn(&format!("{name}-nginx"), &mut command, tools, true)?;
        let port = fleet.nginx_port;
        // Stop waiting at once if nginx refused the configuration and exited.
        let waited = wait_until(START_TIMEOUT, "nginx to listen", || {
            listening(port) || !nginx.running()
        });
        let alive = nginx.running();
        fleet.nginx = Some(nginx);
        waited?;
        if !alive {
            return Err(format!(
                "nginx exited at start; see {}",
                tools
                    .work
                    .join("logs")
                    .join(format!("{name}-nginx.log"))
                    .display()
            ));
        }
        Ok(fleet)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The balancer, as the users reach it.
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.nginx_port)
    }

    pub fn servers(&self) -> usize {
        self.apps.len()
    }

    pub fn app_port(&self, server: usize) -> u16 {
        self.app_ports[server]
    }

    fn addresses(&self) -> Addresses {
        Addresses {
            listen: format!("127.0.0.1:{}", self.nginx_port),
            servers: self
                .app_ports
                .iter()
                .map(|p| format!("127.0.0.1:{p}"))
                .collect(),
            store: format!("127.0.0.1:{}", self.redis_port),
            replica: None,
            prefix: Some(self.dir.display().to_string()),
        }
    }

    fn write_nginx_conf(&self) -> Result<(), String> {
        let mut config = self.config.clone();
        config.servers = self.apps.len() as u32;
        let text = nginx_conf(&config, &self.addresses(), Lang::En);
        let path = self.dir.join("nginx.conf");
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
    }

    fn start_app(&mut self) -> Result<(), String> {
        let id = self.apps.len();
        let port = free_port()?;
        let mut command = Command::new(&self.tools.app);
        command.args(["--port", &port.to_string(), "--id", &id.to_string()]);
        if self.redis_port != 0 {
            command.args(["--store", &format!("redis://127.0.0.1:{}", self.redis_port)]);
            command.args([
                "--store-timeout-ms",
                &self.config.timing.store_timeout_ms.to_string(),
            ]);
        }
        let name = format!("{}-app{id}", self.dir_name());
        let proc = Proc::spawn(&name, &mut command, &self.tools, false)?;
        self.apps.push(Some(proc));
        self.app_ports.push(port);
        wait_until(START_TIMEOUT, &format!("app server {id} to listen"), || {
            listening(port)
        })
    }

    fn dir_name(&self) -> String {
        self.dir
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    }

    /// Redis with the redis.conf `realworld::redis_file` prints for the setup (no persistence in these
    /// checks: a restarted Redis comes back empty, as the model's store without it).
    fn start_redis(&mut self) -> Result<(), String> {
        let port = self.redis_port;
        let text = redis_file(
            &self.config,
            &self.addresses(),
            Lang::En,
            RedisFile::Primary,
        )
        .ok_or("realworld printed no redis.conf for the primary")?;
        let conf = self.dir.join("redis.conf");
        std::fs::write(&conf, text).map_err(|e| format!("cannot write {}: {e}", conf.display()))?;
        let mut command = Command::new(&self.tools.redis);
        command.arg(&conf).args(["--daemonize", "no"]);
        let name = format!("{}-redis", self.dir_name());
        self.redis = Some(Proc::spawn(&name, &mut command, &self.tools, false)?);
        wait_until(START_TIMEOUT, "redis to listen", || listening(port))
    }

    /// Crash application server `server` (SIGKILL): its memory, and every session in it, is gone.
    pub fn crash_app(&mut self, server: usize) {
        if let Some(mut proc) = self.apps.get_mut(server).and_then(Option::take) {
            proc.kill();
        }
    }

    /// Scale out: start one more server, rewrite nginx.conf with it and `nginx -s reload`; returns once
    /// the old worker processes have exited, so every later request sees the new configuration.
    pub fn add_app(&mut self) -> Result<(), String> {
        self.start_app()?;
        self.write_nginx_conf()?;
        let master = self.nginx.as_ref().map_or(0, Proc::pid);
        let old_workers = children(master);
        let status = Command::new(&self.tools.nginx)
            .arg("-p")
            .arg(&self.dir)
            .arg("-c")
            .arg(self.dir.join("nginx.conf"))
            .arg("-e")
            .arg(self.dir.join("startup.log"))
            .args(["-s", "reload"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|e| format!("cannot run nginx -s reload: {e}"))?;
        if !status.success() {
            return Err(format!("nginx -s reload failed ({status})"));
        }
        wait_until(
            START_TIMEOUT,
            "nginx's old workers to exit after the reload",
            || {
                let now = children(master);
                !now.is_empty() && old_workers.iter().all(|w| !now.contains(w))
            },
        )
    }

    /// Crash Redis (SIGKILL).
    pub fn crash_redis(&mut self) {
        if let Some(mut proc) = self.redis.take() {
            proc.kill();
        }
    }

    /// Freeze Redis (SIGSTOP): its port still takes connections, but nothing answers them, as when
    /// a partition cuts the servers off from it. `thaw_redis` lets it go on (SIGCONT); a frozen Redis
    /// is still killed at the end, by SIGKILL.
    pub fn freeze_redis(&self) -> Result<(), String> {
        self.redis
            .as_ref()
            .ok_or("no Redis to freeze")?
            .signal("STOP")
    }

    pub fn thaw_redis(&self) -> Result<(), String> {
        self.redis
            .as_ref()
            .ok_or("no Redis to thaw")?
            .signal("CONT")
    }

    /// Start Redis again on the same port, empty.
    pub fn restart_redis(&mut self) -> Result<(), String> {
        if self.redis.is_none() {
            self.start_redis()?;
        }
        Ok(())
    }

    /// Sessions held by Redis (DBSIZE), asked directly.
    pub fn redis_sessions(&self) -> Result<u64, String> {
        let client = redis::Client::open(format!("redis://127.0.0.1:{}", self.redis_port))
            .map_err(|e| format!("redis: {e}"))?;
        let mut connection = client
            .get_connection_with_timeout(Duration::from_secs(2))
            .map_err(|e| format!("redis: {e}"))?;
        redis::cmd("DBSIZE")
            .query(&mut connection)
            .map_err(|e| format!("redis DBSIZE: {e}"))
    }

    /// Asked of a server directly (not through nginx): sessions it holds and requests in progress.
    pub fn app_stats(&self, server: usize) -> Result<(u64, u64), String> {
        let url = format!("http://127.0.0.1:{}/_stats", self.app_ports[server]);
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(2)))
            .build()
            .into();
        let text = agent
            .get(&url)
            .call()
            .and_then(|mut r| r.body_mut().read_to_string())
            .map_err(|e| format!("{url}: {e}"))?;
        let field = |name: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.trim().parse::<u64>().ok())
                .ok_or_else(|| format!("{url}: no {name} in {text:?}"))
        };
        Ok((field("sessions ")?, field("in_progress ")?))
    }

    /// nginx's error log so far.
    pub fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.join("error.log")).unwrap_or_default()
    }
}

impl Drop for Fleet {
    fn drop(&mut self) {
        if let Some(mut nginx) = self.nginx.take() {
            nginx.stop();
        }
        for app in self.apps.iter_mut().filter_map(Option::take) {
            drop(app);
        }
        if let Some(mut redis) = self.redis.take() {
            redis.stop();
        }
    }
}
