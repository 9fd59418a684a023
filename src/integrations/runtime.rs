//! The one way focus starts its event loop and listens for the signals
//! that end it: the TUI and `focus status --follow` both wait on a
//! current-thread tokio runtime, and both end cleanly on the same signals.

use std::future::poll_fn;
use std::io;
use std::task::Poll;

use tokio::runtime::Runtime;
use tokio::signal::unix::{Signal, SignalKind, signal};

/// A single-threaded runtime with timers and I/O: focus never needs more
/// than one thread for its loop, and one thread is one wake-up.
pub(crate) fn current_thread() -> io::Result<Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
}

/// Signals that end a loop cleanly, each reported by its number.
pub(crate) struct Signals {
    listening: Vec<(i32, Signal)>,
}

impl Signals {
    /// Listens for `numbers` (SIGTERM is 15, SIGHUP 1, SIGINT 2, SIGQUIT 3).
    /// Must be called inside a runtime.
    pub(crate) fn new(numbers: &[i32]) -> io::Result<Signals> {
        let listening = numbers
            .iter()
            .map(|&n| Ok((n, signal(SignalKind::from_raw(n))?)))
            .collect::<io::Result<_>>()?;
        Ok(Signals { listening })
    }

    /// The number of the next signal to arrive. With nothing to listen
    /// for it never returns.
    pub(crate) async fn next(&mut self) -> i32 {
        poll_fn(|cx| {
            for (n, s) in &mut self.listening {
                if s.poll_recv(cx).is_ready() {
                    return Poll::Ready(*n);
                }
            }
            Poll::Pending
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signal_sent_to_the_process_is_reported_by_its_number() {
        let runtime = current_thread().expect("runtime");
        let got = runtime.block_on(async {
            let mut signals = Signals::new(&[10]).expect("listen");
            // SIGUSR1 to ourselves: the handler is installed, so this does
            // not end the test process.
            rustix::process::kill_process(rustix::process::getpid(), rustix::process::Signal::USR1)
                .expect("kill");
            signals.next().await
        });
        assert_eq!(got, 10);
    }
}
