//! One real HTTP user: its own cookie jar (ureq's), sending from its own loopback address.
//!
//! All of 127.0.0.0/8 is loopback on Linux, so a user bound to 127.X.Y.1 reaches nginx on 127.0.0.1
//! from an address in its own /24: that is how the `ip_hash` rows put users "behind" distinct
//! addresses, or all behind one. ureq has no switch for the local address, so `BoundTcp` is a ureq
//! connector that binds the socket (socket2) before connecting and hands it to ureq as a transport.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4, TcpStream};
use std::time::Duration;
use ureq::unversioned::resolver::DefaultResolver;
use ureq::unversioned::transport::{
    Buffers, ConnectionDetails, Connector, LazyBuffers, NextTimeout, Transport,
};

/// No single request of the check may take longer (held requests take at most a few seconds).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);

/// A ureq connector that connects from a fixed local address.
#[derive(Debug)]
struct BoundTcp {
    local: Ipv4Addr,
}

impl Connector<()> for BoundTcp {
    type Out = BoundTransport;

    fn connect(
        &self,
        details: &ConnectionDetails,
        _chained: Option<()>,
    ) -> Result<Option<Self::Out>, ureq::Error> {
        let mut last = None;
        for addr in &details.addrs {
            match connect_from(self.local, *addr) {
                Ok(stream) => {
                    let config = details.config;
                    return Ok(Some(BoundTransport {
                        stream,
                        buffers: LazyBuffers::new(
                            config.input_buffer_size(),
                            config.output_buffer_size(),
                        ),
                    }));
                }
                Err(e) => last = Some(e),
            }
        }
        Err(last.map_or(ureq::Error::ConnectionFailed, ureq::Error::Io))
    }
}

fn connect_from(local: Ipv4Addr, remote: SocketAddr) -> std::io::Result<TcpStream> {
    use socket2::{Domain, Protocol, SockAddr, Socket, Type};
    let socket = Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP))?;
    socket.bind(&SockAddr::from(SocketAddrV4::new(local, 0)))?;
    socket.connect_timeout(&SockAddr::from(remote), REQUEST_TIMEOUT)?;
    socket.set_tcp_nodelay(true)?;
    let stream: TcpStream = socket.into();
    stream.set_read_timeout(Some(REQUEST_TIMEOUT))?;
    stream.set_write_timeout(Some(REQUEST_TIMEOUT))?;
    Ok(stream)
}

/// A plain TCP stream as a ureq transport. Socket timeouts (set at connect) bound every read and
/// write; ureq's own per-call deadline is the agent's global timeout.
#[derive(Debug)]
struct BoundTransport {
    stream: TcpStream,
    buffers: LazyBuffers,
}

impl Transport for BoundTransport {
    fn buffers(&mut self) -> &mut dyn Buffers {
        &mut self.buffers
    }

    fn transmit_output(&mut self, amount: usize, _timeout: NextTimeout) -> Result<(), ureq::Error> {
        let output = &self.buffers.output()[..amount];
        self.stream.write_all(output)?;
        Ok(())
    }

    fn await_input(&mut self, _timeout: NextTimeout) -> Result<bool, ureq::Error> {
        let input = self.buffers.input_append_buf();
        let amount = loop {
            match self.stream.read(input) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                other => break other?,
            }
        };
        self.buffers.input_appended(amount);
        Ok(amount > 0)
    }

    fn is_open(&mut self) -> bool {
        // Connections are never pooled (see `User::new`): each request opens its own.
        false
    }
}

/// What one request came back with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Answer {
    /// HTTP status; 0 when no answer came at all (connection refused, timeout).
    pub status: u16,
    /// The application server that answered (`X-Server`), if one did.
    pub server: Option<u32>,
}

impl Answer {
    pub fn is_server_error(self) -> bool {
        self.status >= 500 || self.status == 0
    }
}

/// One user: a cookie jar and a local address.
pub struct User {
    agent: ureq::Agent,
    base: String,
}

impl User {
    /// A user talking to `base` (`http://127.0.0.1:PORT`) from `local`.
    pub fn new(base: &str, local: Ipv4Addr) -> User {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            // One connection per request, as many browsers behind many NATs would look to nginx,
            // and so a reload of nginx is seen at once (an old worker's idle connection is never
            // reused).
            .max_idle_connections(0)
            .max_idle_connections_per_host(0)
            .timeout_global(Some(REQUEST_TIMEOUT))
            .build();
        User {
            agent: ureq::Agent::with_parts(config, BoundTcp { local }, DefaultResolver::default()),
            base: base.trim_end_matches('/').to_string(),
        }
    }

    /// `GET` or `POST` `path` with this user's cookies; the jar takes what the answer sets.
    pub fn send(&self, post: bool, path: &str) -> Answer {
        let url = format!("{}{path}", self.base);
        let result = if post {
            self.agent.post(&url).send_empty()
        } else {
            self.agent.get(&url).call()
        };
        match result {
            Ok(mut response) => {
                let server = response
                    .headers()
                    .get("x-server")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<u32>().ok());
                // Read the body so the exchange is complete (it is a line of text).
                let _ = response.body_mut().read_to_string();
                Answer {
                    status: response.status().as_u16(),
                    server,
                }
            }
            Err(_) => Answer {
                status: 0,
                server: None,
            },
        }
    }

    /// The session cookie in the jar, if any.
    pub fn session(&self) -> Option<String> {
        let jar = self.agent.cookie_jar_lock();
        let value = jar
            .iter()
            .find(|c| c.name() == "SESSION")
            .map(|c| c.value().to_string());
        jar.release();
        value
    }

    /// Back to the login page after a 401: the browser forgets the session cookie (the model's user
    /// does the same, so the next login carries none). Other cookies (the route) stay.
    pub fn forget_session(&self) {
        let mut jar = self.agent.cookie_jar_lock();
        // Host-only cookies of the balancer on 127.0.0.1, set with `Path=/` by the app server.
        jar.remove(LOOPBACK, "/", "SESSION");
        jar.release();
    }
}

/// The host every user talks to.
pub const LOOPBACK: &str = "127.0.0.1";
