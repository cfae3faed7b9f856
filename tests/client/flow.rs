//! The device-flow driver against the simulator over real HTTP: the poll schedule as the
//! server sees it, and recovery from a network that misbehaves mid-flow.

use crate::common::*;
use std::time::Duration;
use zoomctl::config::BaseUrl;
use zoomctl::flow::{self, FlowEvent};
use zoomctl::secret::Secret;
use zoomctl::sim::{SimOptions, Simulator};
use zoomctl::zoom::oauth::{Credentials, OAuthClient};

fn client(sim: &Simulator) -> OAuthClient {
    let http = zoomctl::zoom::http::client().unwrap();
    let credentials = Credentials {
        client_id: CLIENT_ID.into(),
        client_secret: Some(Secret::new(CLIENT_SECRET)),
        scope: None,
    };
    OAuthClient::new(http, BaseUrl::parse(&sim.base_url()).unwrap(), credentials)
}

type Updates = tokio::sync::mpsc::UnboundedReceiver<flow::FlowUpdate>;

/// The flow's last event (within 30 s).
async fn until_final(rx: &mut Updates) -> FlowEvent {
    tokio::time::timeout(Duration::from_secs(30), async {
        loop {
            let e = rx.recv().await.expect("the flow reports").event;
            if e.is_final() {
                return e;
            }
        }
    })
    .await
    .expect("the flow ends within 30 s")
}

/// The first network trouble the flow reports (within 20 s).
async fn until_trouble(rx: &mut Updates) -> zoomctl::zoom::oauth::OAuthError {
    tokio::time::timeout(Duration::from_secs(20), async {
        loop {
            if let FlowEvent::NetworkTrouble { error, .. } =
                rx.recv().await.expect("the flow reports").event
            {
                return error;
            }
        }
    })
    .await
    .expect("the trouble is reported within 20 s")
}

/// Runs a whole flow; returns the events and when the code was issued.
async fn run_flow(sim: &Simulator) -> (Vec<FlowEvent>, std::time::Instant) {
    let client = client(sim);
    let mut events = vec![];
    let mut issued = std::time::Instant::now();
    flow::run(&client, |e| {
        if let FlowEvent::CodeIssued(code) = &e {
            issued = code.issued_at.into_std();
        }
        events.push(e);
        true
    })
    .await;
    (events, issued)
}

fn gaps(sim: &Simulator, start: std::time::Instant) -> Vec<f64> {
    let mut prev = start;
    sim.stats()
        .polls
        .iter()
        .map(|p| {
            let gap = p.at.duration_since(prev).as_secs_f64();
            prev = p.at;
            gap
        })
        .collect()
}

#[tokio::test]
async fn approval_ends_in_tokens() {
    let sim = sim(SimOptions {
        approve_after: Some(1.5),
        ..fast()
    })
    .await;
    let (events, _) = run_flow(&sim).await;
    assert!(matches!(events.first(), Some(FlowEvent::CodeIssued(_))));
    let Some(FlowEvent::Approved(tokens)) = events.last() else {
        panic!("{events:?}")
    };
    assert!(api_accepts(&sim.base_url(), tokens.access_token.expose()).await);
    assert_eq!(tokens.api_url.as_deref(), Some(sim.base_url().as_str()));
    assert!(
        sim.stats().polls.iter().all(|p| p.answered != "slow_down"),
        "an honest client is never told to slow down"
    );
}

#[tokio::test]
async fn a_missing_interval_means_five_seconds() {
    let sim = sim(SimOptions {
        omit_interval: true,
        approve_after: Some(6.0),
        ..SimOptions::default()
    })
    .await;
    let (events, issued) = run_flow(&sim).await;
    assert!(
        matches!(events.last(), Some(FlowEvent::Approved(_))),
        "{events:?}"
    );
    let gaps = gaps(&sim, issued);
    assert!(
        gaps.iter().all(|g| *g >= 5.0),
        "polls at least 5 s apart: {gaps:?}"
    );
    assert_eq!(
        gaps.len(),
        2,
        "first poll after 5 s (pending), second after 10 s (approved): {gaps:?}"
    );
}

#[tokio::test]
async fn slow_down_spacing_is_kept_at_the_server() {
    let sim = sim(SimOptions {
        slow_down_every: Some(2),
        approve_after: Some(8.0),
        ..fast()
    })
    .await;
    let (events, issued) = run_flow(&sim).await;
    assert!(
        matches!(events.last(), Some(FlowEvent::Approved(_))),
        "{events:?}"
    );
    let stats = sim.stats();
    let gaps = gaps(&sim, issued);
    // After the first slow_down (poll 2) every gap is at least 1 + 5 s.
    let first_slow = stats
        .polls
        .iter()
        .position(|p| p.answered == "slow_down")
        .expect("a slow_down was sent");
    for (i, gap) in gaps.iter().enumerate().skip(first_slow + 1) {
        assert!(
            *gap >= 5.9,
            "poll {i} came {gap:.2} s after the previous one: {gaps:?}"
        );
    }
    assert!(stats.polls.iter().all(|p| {
        p.answered != "slow_down"
            || stats
                .polls
                .iter()
                .filter(|q| q.answered == "slow_down")
                .count()
                >= 1
    }));
    assert!(
        events.iter().any(
            |e| matches!(e, FlowEvent::SlowedDown { interval, .. } if interval.as_secs() >= 6)
        )
    );
}

#[tokio::test]
async fn server_errors_mid_poll_are_ridden_out() {
    let sim = sim(fast()).await;
    let client = client(&sim);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<flow::FlowUpdate>();
    let _flow = flow::start(flow::FlowId(7), client, tx);
    let mut events = vec![];
    // Wait for the code, then break the server for a while.
    while let Some(u) = rx.recv().await {
        let issued = matches!(u.event, FlowEvent::CodeIssued(_));
        events.push(u.event);
        if issued {
            break;
        }
    }
    sim.set_fail_rate(1.0);
    tokio::time::sleep(Duration::from_secs(3)).await;
    sim.set_fail_rate(0.0);
    let code = sim
        .pending_user_codes()
        .pop()
        .expect("the code is still pending");
    assert!(sim.approve(&code));
    while let Some(u) = rx.recv().await {
        assert_eq!(u.flow, flow::FlowId(7));
        let done = u.event.is_final();
        events.push(u.event);
        if done {
            break;
        }
    }
    assert!(
        events
            .iter()
            .any(|e| matches!(e, FlowEvent::NetworkTrouble { .. })),
        "{events:?}"
    );
    assert!(
        matches!(events.last(), Some(FlowEvent::Approved(_))),
        "{events:?}"
    );
    assert!(sim.stats().faults_5xx >= 1);
}

#[tokio::test]
async fn a_network_that_drops_connections_is_ridden_out_with_the_same_code() {
    let sim = sim(fast()).await;
    let client = client(&sim);
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<flow::FlowUpdate>();
    let _flow = flow::start(flow::FlowId(1), client, tx);
    let first = rx.recv().await.unwrap().event;
    let FlowEvent::CodeIssued(code) = first else {
        panic!("{first:?}")
    };
    sim.set_down(true);
    let trouble = until_trouble(&mut rx).await;
    assert!(trouble.is_transient(), "{trouble}");
    sim.set_down(false);
    assert!(
        sim.approve(&code.authorization.user_code),
        "the same code is still alive"
    );
    let end = until_final(&mut rx).await;
    assert!(matches!(end, FlowEvent::Approved(_)), "{end:?}");
    assert_eq!(
        sim.stats().device_code_requests,
        1,
        "no new code was needed"
    );
}

#[tokio::test]
async fn refused_connections_are_transport_errors_naming_the_server() {
    // Bind and drop a listener: nothing answers on that port now.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let http = zoomctl::zoom::http::client().unwrap();
    let base = BaseUrl::parse(&format!("http://127.0.0.1:{port}")).unwrap();
    let client = OAuthClient::new(
        http,
        base,
        Credentials {
            client_id: "c".into(),
            client_secret: None,
            scope: None,
        },
    );
    let err = client.device_authorization().await.unwrap_err();
    assert!(err.is_transient());
    let text = err.to_string();
    assert!(
        text.contains(&format!("127.0.0.1:{port}/oauth/devicecode")) && text.contains("connection"),
        "{text}"
    );
}

/// A loopback port that forwards to `target`, or refuses connections outright while `refuse`
/// is set (its listener closed), like a server that went away and came back.
async fn flaky_proxy(
    target: std::net::SocketAddr,
    refuse: tokio::sync::watch::Receiver<bool>,
) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut refuse = refuse;
        let mut listener = Some(listener);
        let mut open: Vec<tokio::task::JoinHandle<()>> = vec![];
        loop {
            if *refuse.borrow() {
                listener = None; // closed: new connections are refused…
                open.drain(..).for_each(|t| t.abort()); // …and open ones are cut

                let _ = refuse.changed().await;
                continue;
            }
            let l = match &listener {
                Some(l) => l,
                None => {
                    listener = tokio::net::TcpListener::bind(addr).await.ok();
                    continue;
                }
            };
            tokio::select! {
                accepted = l.accept() => {
                    if let Ok((mut inbound, _)) = accepted {
                        open.push(tokio::spawn(async move {
                            if let Ok(mut outbound) = tokio::net::TcpStream::connect(target).await {
                                let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                            }
                        }));
                    }
                }
                _ = refuse.changed() => {}
            }
        }
    });
    addr
}

#[tokio::test]
async fn refused_connections_mid_poll_are_ridden_out() {
    let sim = sim(fast()).await;
    let (refuse_tx, refuse_rx) = tokio::sync::watch::channel(false);
    let proxy = flaky_proxy(sim.addr(), refuse_rx).await;
    let http = zoomctl::zoom::http::client().unwrap();
    let credentials = Credentials {
        client_id: CLIENT_ID.into(),
        client_secret: Some(Secret::new(CLIENT_SECRET)),
        scope: None,
    };
    let client = OAuthClient::new(
        http,
        BaseUrl::parse(&format!("http://{proxy}")).unwrap(),
        credentials,
    );
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<flow::FlowUpdate>();
    let _flow = flow::start(flow::FlowId(3), client, tx);
    let FlowEvent::CodeIssued(code) = rx.recv().await.unwrap().event else {
        panic!("no code")
    };
    refuse_tx.send(true).unwrap();
    let trouble = until_trouble(&mut rx).await;
    assert!(trouble.to_string().contains("connection"), "{trouble}");
    refuse_tx.send(false).unwrap();
    assert!(sim.approve(&code.authorization.user_code));
    let end = until_final(&mut rx).await;
    assert!(matches!(end, FlowEvent::Approved(_)), "{end:?}");
}
